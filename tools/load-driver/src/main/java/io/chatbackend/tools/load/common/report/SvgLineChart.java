package io.chatbackend.tools.load.common.report;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG (no script, no network): point {@code i} of every line sits at x = {@code i × step} of
 * its {@link XAxis} (by default the second of the measured window), y starts at 0; a missing value (NaN) breaks its
 * line.
 */
public final class SvgLineChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    /** One line: a name for the legend, a colour, a value per point of the x axis. */
    public record Line(String name, String colour, double[] values) {
    }

    /** What the points are: point {@code i} is at {@code i × step}, labelled with {@code label}. */
    public record XAxis(String label, double step) {
        public static final XAxis SECONDS_OF_WINDOW = new XAxis("second of the measured window", 1);
    }

    private SvgLineChart() {
    }

    /** A chart over the seconds of the measured window. */
    public static String render(String title, String unit, List<Line> lines) {
        return render(title, unit, XAxis.SECONDS_OF_WINDOW, lines);
    }

    public static String render(String title, String unit, XAxis axis, List<Line> lines) {
        int points = lines.stream().mapToInt(l -> l.values().length).max().orElse(0);
        double top = niceCeiling(lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.values()))
                .filter(v -> !Double.isNaN(v)).max().orElse(1));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">%s</text>%n", LEFT,
                escape(title)));
        for (int tick = 0; tick <= 4; tick++) {
            double value = top * tick / 4;
            double y = TOP + plotHeight - plotHeight * tick / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotWidth, y,
                    LEFT - 6, y + 4, format(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\">%s</text>%n",
                TOP + (int) plotHeight / 2, TOP + (int) plotHeight / 2, escape(unit)));
        int step = Math.max(1, (int) Math.ceil(points / 10.0));
        for (int point = 0; point < points; point += step) {
            double x = LEFT + xOf(point, points, plotWidth);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    HEIGHT - BOTTOM + 16, format(point * axis.step())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 6, escape(axis.label())));
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            svg.append(String.format(Locale.ROOT, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" d=\"%s\"/>%n",
                    line.colour(), path(line.values(), points, top, plotWidth, plotHeight)));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 12, TOP + 18 * i + 6, line.colour(),
                    LEFT + plotWidth + 30, TOP + 18 * i + 10, escape(line.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String path(double[] values, int points, double top, double plotWidth, double plotHeight) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                pen = false;
                continue;
            }
            double x = LEFT + xOf(i, points, plotWidth);
            double y = TOP + plotHeight - plotHeight * Math.min(values[i], top) / top;
            d.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", x, y));
            pen = true;
        }
        return d.toString().trim();
    }

    private static double xOf(int second, int points, double plotWidth) {
        return points <= 1 ? 0 : plotWidth * second / (points - 1);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: round axis labels. */
    public static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
