package io.chatbackend.platform.infra;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and exits the JVM when a watched process dies, so a server child JVM never
 * outlives the launcher that started it, even when that launcher is killed with {@code kill -9}.
 *
 * <p>Usage: {@code ParentWatchdogMain <pid> <main class> [args...]}.
 */
public final class ParentWatchdogMain {

    private ParentWatchdogMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ParentWatchdogMain <pid> <main class> [args...]");
        }
        ParentWatch.exitWhenDead(Long.parseLong(args[0]));
        Class<?> mainClass = Class.forName(args[1]);
        Method main = mainClass.getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
