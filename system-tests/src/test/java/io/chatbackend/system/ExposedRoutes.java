package io.chatbackend.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.springframework.util.AntPathMatcher;

/**
 * The public API routes the system really has: every request mapping under {@code /api/} in the services' class
 * files (read from the bytecode, so a route added anywhere is seen) that a route of the gateway's configuration
 * forwards. Answers {@code "METHOD /template"} keys.
 */
final class ExposedRoutes {

    private static final String WEB = "org.springframework.web.bind.annotation.";
    private static final Map<String, String> METHOD_OF = Map.of(WEB + "GetMapping", "GET", WEB + "PostMapping",
            "POST", WEB + "PutMapping", "PUT", WEB + "DeleteMapping", "DELETE", WEB + "PatchMapping", "PATCH");
    private static final Pattern ROUTE_START = Pattern.compile("^\\s*- id:\\s*(\\S+)");
    private static final Pattern PREDICATE = Pattern.compile("^\\s*- (Path|Method)=(.+)$");

    /** A gateway route: the methods it is limited to (empty: all) and its path patterns. */
    record GatewayRoute(String id, List<String> methods, List<String> paths) {

        boolean forwards(String method, String path) {
            AntPathMatcher matcher = new AntPathMatcher();
            return (methods.isEmpty() || methods.contains(method))
                    && paths.stream().anyMatch(pattern -> matcher.match(pattern, path));
        }
    }

    private ExposedRoutes() {
    }

    static Set<String> of(Path root) {
        List<GatewayRoute> gateway = gatewayRoutes(root.resolve("api-gateway/src/main/resources/application.yml"));
        Set<String> exposed = new TreeSet<>();
        for (String mapped : mappedRoutes()) {
            String method = mapped.substring(0, mapped.indexOf(' '));
            String template = mapped.substring(mapped.indexOf(' ') + 1);
            // the audit API is one controller in every context: the gateway routes it by the context's name
            String sample = template.replace("{context}", "message-domain").replaceAll("\\{[^}]+}", "x1");
            if (template.startsWith("/api/") && gateway.stream().anyMatch(route -> route.forwards(method, sample))) {
                exposed.add(mapped);
            }
        }
        return exposed;
    }

    /** Every {@code METHOD /path} the services' controllers map. */
    static Set<String> mappedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chatbackend")) {
            if (!type.isAnnotatedWith(WEB + "RestController") && !type.isAnnotatedWith(WEB + "Controller")) {
                continue;
            }
            List<String> prefixes = type.tryGetAnnotationOfType(WEB + "RequestMapping").map(ExposedRoutes::paths)
                    .orElse(List.of(""));
            for (JavaMethod method : type.getMethods()) {
                for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
                    String verb = METHOD_OF.get(annotation.getRawType().getName());
                    if (verb == null) {
                        continue;
                    }
                    for (String prefix : prefixes) {
                        for (String path : paths(annotation)) {
                            routes.add(verb + " " + prefix + path);
                        }
                    }
                }
            }
        }
        return routes;
    }

    private static List<String> paths(JavaAnnotation<?> mapping) {
        List<String> paths = new ArrayList<>();
        for (String property : List.of("value", "path")) {
            Optional<Object> value = mapping.get(property);
            if (value.isPresent() && value.get() instanceof Object[] values) {
                for (Object path : values) {
                    paths.add(String.valueOf(path));
                }
            }
        }
        return paths.isEmpty() ? List.of("") : paths;
    }

    /** The {@code spring.cloud.gateway} routes of the gateway's configuration: their Method and Path predicates. */
    static List<GatewayRoute> gatewayRoutes(Path configuration) {
        List<GatewayRoute> routes = new ArrayList<>();
        String id = null;
        List<String> methods = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(configuration)) {
                Matcher start = ROUTE_START.matcher(line);
                Matcher predicate = PREDICATE.matcher(line);
                if (start.find()) {
                    if (id != null) {
                        routes.add(new GatewayRoute(id, List.copyOf(methods), List.copyOf(paths)));
                    }
                    id = start.group(1);
                    methods.clear();
                    paths.clear();
                } else if (id != null && predicate.find()) {
                    (predicate.group(1).equals("Path") ? paths : methods)
                            .addAll(List.of(predicate.group(2).trim().split(",")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (id != null) {
            routes.add(new GatewayRoute(id, List.copyOf(methods), List.copyOf(paths)));
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("no gateway routes found in " + configuration);
        }
        return routes;
    }
}
