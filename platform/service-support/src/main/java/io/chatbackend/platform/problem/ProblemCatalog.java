package io.chatbackend.platform.problem;

import java.util.Arrays;
import java.util.List;

/**
 * One catalog of problem codes (an enum implementing {@link ProblemCode}) as a bean: a service declares one for its
 * own catalog, and platform modules for theirs, so that its OpenAPI document lists every code it can answer with.
 */
public record ProblemCatalog(List<ProblemCode> codes) {

    public ProblemCatalog {
        codes = List.copyOf(codes);
    }

    public static <E extends Enum<E> & ProblemCode> ProblemCatalog of(Class<E> catalog) {
        return new ProblemCatalog(Arrays.asList(catalog.getEnumConstants()));
    }
}
