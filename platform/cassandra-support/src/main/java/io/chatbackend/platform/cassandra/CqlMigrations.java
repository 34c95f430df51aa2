package io.chatbackend.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies versioned CQL files ({@code V<n>__<description>.cql}) in order to the session's keyspace, recording
 * each in a version table with its checksum. A lightweight-transaction lock keeps two instances from migrating
 * at once; an applied file that was changed afterwards stops the start.
 */
public class CqlMigrations {

    private static final Logger log = LoggerFactory.getLogger(CqlMigrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(.+)\\.cql");
    private static final int LOCK_TTL_SECONDS = 120;

    private final CqlSession session;
    private final ResourcePatternResolver resolver;
    private final String location;

    public CqlMigrations(CqlSession session, ResourcePatternResolver resolver, String location) {
        this.session = session;
        this.resolver = resolver;
        this.location = location.endsWith("/") ? location : location + "/";
    }

    public record Migration(int version, String description, String checksum, List<String> statements) {
    }

    public void apply() {
        session.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, "
                + "description text, checksum text, applied_at timestamp)");
        session.execute("CREATE TABLE IF NOT EXISTS schema_migration_lock (id text PRIMARY KEY, owner text)");
        String owner = UUID.randomUUID().toString();
        acquireLock(owner);
        try {
            for (Migration migration : load()) {
                var applied = session.execute(SimpleStatement.newInstance(
                        "SELECT checksum FROM schema_migrations WHERE version = ?", migration.version())).one();
                if (applied != null) {
                    if (!applied.getString(0).equals(migration.checksum())) {
                        throw new IllegalStateException("CQL migration V" + migration.version()
                                + " was changed after it was applied (checksum mismatch); add a new version instead");
                    }
                    continue;
                }
                log.info("Applying CQL migration V{} ({})", migration.version(), migration.description());
                for (String statement : migration.statements()) {
                    session.execute(SimpleStatement.newInstance(statement).setTimeout(Duration.ofSeconds(60)));
                }
                session.execute(SimpleStatement.newInstance("INSERT INTO schema_migrations (version, description, "
                        + "checksum, applied_at) VALUES (?, ?, ?, ?)", migration.version(), migration.description(),
                        migration.checksum(), Instant.now()));
            }
        } finally {
            session.execute(SimpleStatement.newInstance(
                    "DELETE FROM schema_migration_lock WHERE id = 'lock' IF owner = ?", owner));
        }
    }

    List<Migration> load() {
        try {
            Resource[] resources = resolver.getResources(location + "*.cql");
            List<Migration> migrations = new ArrayList<>();
            for (Resource resource : resources) {
                Matcher matcher = FILE_NAME.matcher(resource.getFilename());
                if (!matcher.matches()) {
                    throw new IllegalStateException("CQL migration file name must be V<n>__<description>.cql: "
                            + resource.getFilename());
                }
                String text = resource.getContentAsString(StandardCharsets.UTF_8);
                migrations.add(new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '),
                        sha256(text), statements(text)));
            }
            migrations.sort(Comparator.comparingInt(Migration::version));
            for (int i = 1; i < migrations.size(); i++) {
                if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                    throw new IllegalStateException("two CQL migrations share version " + migrations.get(i).version());
                }
            }
            return migrations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> statements(String text) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("//")) {
                withoutComments.append(line).append('\n');
            }
        }
        return Arrays.stream(withoutComments.toString().split(";"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }

    private void acquireLock(String owner) {
        long deadline = System.nanoTime() + Duration.ofSeconds(LOCK_TTL_SECONDS + 30).toNanos();
        while (true) {
            boolean acquired = session.execute(SimpleStatement.newInstance(
                    "INSERT INTO schema_migration_lock (id, owner) VALUES ('lock', ?) IF NOT EXISTS USING TTL "
                            + LOCK_TTL_SECONDS, owner)).wasApplied();
            if (acquired) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another instance holds the CQL migration lock");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
