package io.chatbackend.system.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure Debian's Chromium and its matching chromedriver are on this machine before a browser test starts.
 *
 * <p>Why: the browser tests must run wherever the build runs (a fresh machine, CI), and nothing but Maven Central
 * and Debian's packages can be reached, so Selenium may not download a driver or a browser of its own. Installing
 * the Debian packages is the one way that works everywhere; as root it is done here, otherwise the test fails
 * with the command to run. A browser test is never skipped silently: a missing browser is a failure.
 */
public final class BrowserInstallation {

    /**
     * The binary ChromeOptions is given: Debian's launcher script, or {@code -Dchat.chromium=...} (another
     * distribution's Chromium or Chrome, installed by whoever runs the build).
     */
    public static final Path CHROMIUM = Path.of(System.getProperty("chat.chromium", "/usr/bin/chromium"));
    /** The executable ChromeDriverService is given: {@code chromium-driver}'s, or {@code -Dchat.chromedriver=...}. */
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("chat.chromedriver", "/usr/bin/chromedriver"));

    private static final String INSTALL_HINT = "sudo apt-get install -y chromium chromium-driver (Debian), or give "
            + "another Chromium and its matching driver with -Dchat.chromium=<path> -Dchat.chromedriver=<path>";
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final int LOG_TAIL_LINES = 40;

    private static boolean ensured;
    /** Kept so that every later browser test fails the same way at once instead of retrying apt for each. */
    private static RuntimeException failure;

    private BrowserInstallation() {
    }

    /** Once per JVM: installs Chromium if it is missing and we are root, fails otherwise; prints the version used. */
    public static synchronized void ensure() {
        if (failure != null) {
            throw failure;
        }
        if (ensured) {
            return;
        }
        try {
            if (!installed()) {
                install();
            }
            System.out.println("Browser tests use " + version(CHROMIUM) + " with " + version(CHROMEDRIVER)
                    + " (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
            ensured = true;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static void install() {
        if (!runningAsRoot()) {
            throw new IllegalStateException("Browser tests need Chromium and chromedriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ", which are missing. Install them with: " + INSTALL_HINT);
        }
        Path log = targetDir().resolve("chromium-install.log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(INSTALL_TIMEOUT_MINUTES);
        System.out.println("Chromium is missing: installing the Debian packages chromium and chromium-driver (log: "
                + log.toAbsolutePath() + ")");
        run(List.of("apt-get", "update"), log, deadline);
        run(List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"), log,
                deadline);
        if (!installed()) {
            throw new IllegalStateException("apt-get installed chromium and chromium-driver, but " + CHROMIUM
                    + " or " + CHROMEDRIVER + " is still missing. Log tail:\n" + tail(log));
        }
    }

    /** Root's real uid is 0; read from /proc so no process has to be started for it. */
    private static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return "0".equals(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            // no /proc: not a Linux we can install on; treated as not root, which fails with the hint
        }
        return false;
    }

    private static void run(List<String> command, Path log, long deadline) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // no question may block an unattended install
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            long left = deadline - System.nanoTime();
            if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Installing Chromium took more than " + INSTALL_TIMEOUT_MINUTES
                        + " minutes (" + String.join(" ", command) + "). Log tail:\n" + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Installing Chromium failed: " + String.join(" ", command)
                        + " exited with " + process.exitValue() + ". Log tail:\n" + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", command) + " to install Chromium", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing Chromium", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The first line the program prints for --version; stderr is dropped (Debian's launcher script is noisy). */
    private static String version(Path program) {
        try {
            Process process = new ProcessBuilder(program.toString(), "--version")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return out.isEmpty() ? program + " (version unknown)" : out.lines().findFirst().orElse(out);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + program + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + program + " for its version", e);
        }
    }

    /** system-tests/target, found as the other system tests find the repository (chat.root, set by failsafe). */
    static Path targetDir() {
        return Path.of(System.getProperty("chat.root", "..")).resolve("system-tests/target");
    }
}
