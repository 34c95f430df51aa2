package io.chatbackend.system.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Loads axe.min.js from the axe-core WebJar on the test classpath.
 *
 * <p>Why: accessibility checks run the real axe-core engine inside the page, and the WebJar is the way to have it
 * from Maven Central. Its version is read from the WebJar's own pom.properties, so upgrading the dependency does not
 * mean editing a resource path here.
 */
final class AxeCore {

    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/axe-core/pom.properties";

    private static String source;

    private AxeCore() {
    }

    /** The script text, read once per JVM (about half a megabyte). */
    static synchronized String source() {
        if (source == null) {
            String path = "META-INF/resources/webjars/axe-core/" + version() + "/axe.min.js";
            source = read(path);
        }
        return source;
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = open(POM_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + POM_PROPERTIES, e);
        }
        return properties.getProperty("version");
    }

    private static String read(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = AxeCore.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is not on the test classpath: the system-tests module needs the"
                    + " test dependency org.webjars.npm:axe-core");
        }
        return in;
    }
}
