package io.chatbackend.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.chatbackend.platform.problem.ProblemCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem codes have one home per service (ADR 0022): the enums implementing {@link ProblemCode}. A code written as
 * a string anywhere else in the product's sources fails here, as does a code with two statuses, and a README list
 * or a committed OpenAPI document that disagrees with the catalogs.
 */
class ProblemCodeCatalogTest {

    private static final Path ROOT = Path.of(System.getProperty("chat.root", "..")).toAbsolutePath().normalize();
    private static final Pattern README_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d{3}) \\|.*$");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([A-Z][A-Z_]+)\"");

    /** Every catalog's codes: name → status (a name in several catalogs must have one status). */
    private static final Map<String, Set<Integer>> CODES = new TreeMap<>();
    private static final List<String> CATALOGS = new ArrayList<>();

    @BeforeAll
    static void readCatalogs() throws ClassNotFoundException {
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chatbackend")) {
            if (type.isEnum() && type.isAssignableTo(ProblemCode.class)) {
                CATALOGS.add(type.getSimpleName());
                for (Object constant : Class.forName(type.getName()).getEnumConstants()) {
                    ProblemCode code = (ProblemCode) constant;
                    CODES.computeIfAbsent(code.name(), name -> new TreeSet<>()).add(code.httpStatus());
                }
            }
        }
    }

    @Test
    void everyServiceHasItsCatalogAndACodeHasOneStatus() {
        assertThat(CATALOGS).contains("CommonProblem", "UaaProblem", "MessageProblem", "DialogProblem",
                "UserClientProblem", "NotificationProblem", "GatewayProblem", "ReadModelProblem");
        assertThat(CODES).allSatisfy((code, statuses) -> assertThat(statuses).as(code).hasSize(1));
    }

    @Test
    void noProblemCodeIsWrittenAsAStringOutsideItsCatalog() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path file : mainSources()) {
            codeLiterals(read(file)).forEach(code -> literals.add(ROOT.relativize(file) + ": \"" + code + "\""));
        }
        assertThat(literals).as("problem codes come from their catalog enum, never from a string").isEmpty();
    }

    @Test
    void theRuleSeesACodeWrittenAsAString() {
        assertThat(codeLiterals("throw new ApiException(HttpStatus.NOT_FOUND, \"DIALOG_NOT_FOUND\", \"No such.\");"
                + " hasRole(\"ADMIN\")")).containsExactly("DIALOG_NOT_FOUND");
    }

    private static List<String> codeLiterals(String source) {
        List<String> found = new ArrayList<>();
        Matcher literal = STRING_LITERAL.matcher(source);
        while (literal.find()) {
            if (CODES.containsKey(literal.group(1))) {
                found.add(literal.group(1));
            }
        }
        return found;
    }

    @Test
    void theReadmeListsExactlyTheCatalogsCodesWithTheirStatuses() {
        Map<String, Integer> listed = new TreeMap<>();
        for (String line : read(ROOT.resolve("README.md")).split("\n")) {
            Matcher row = README_ROW.matcher(line);
            if (row.matches()) {
                listed.put(row.group(1), Integer.parseInt(row.group(2)));
            }
        }
        Map<String, Integer> catalogued = new TreeMap<>();
        CODES.forEach((code, statuses) -> catalogued.put(code, statuses.iterator().next()));
        assertThat(listed).as("README.md's table of error codes").isEqualTo(catalogued);
    }

    @Test
    void theCommittedOpenApiDocumentListsExactlyTheCatalogsCodes() {
        JsonNode document = JsonMapper.builder().build().readTree(
                read(ROOT.resolve("api-gateway/src/main/resources/openapi/chat-api.json")));
        Set<String> documented = new TreeSet<>();
        document.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
                .forEach(code -> documented.add(code.asString()));
        assertThat(documented).as("the Problem schema's code enum").isEqualTo(CODES.keySet());
    }

    /** Every {@code src/main/java} file of the repository, not descending into build output or data. */
    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(ROOT) && (name.startsWith(".") || name.equals("target") || name.equals("test"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.toString().endsWith(".java") && file.toString().contains("/src/main/java/")) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(sources).as("the product's sources were found under " + ROOT).hasSizeGreaterThan(100);
        return sources;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
