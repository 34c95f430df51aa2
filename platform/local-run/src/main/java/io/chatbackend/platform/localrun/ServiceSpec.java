package io.chatbackend.platform.localrun;

import java.nio.file.Path;

/** One service of the local run: its name, its executable jar, and whether it is the public gateway. */
record ServiceSpec(String name, Path jar, boolean gateway) {

    /** Parses {@code name=path/to/app.jar}. */
    static ServiceSpec parse(String value, boolean gateway) {
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            throw new IllegalArgumentException("expected name=path/to/app.jar but got '" + value + "'");
        }
        return new ServiceSpec(value.substring(0, equals), Path.of(value.substring(equals + 1)).toAbsolutePath(),
                gateway);
    }
}
