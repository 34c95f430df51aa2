package io.chatbackend.platform.cassandra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CqlMigrationsTest {

    @Test
    void splitsStatementsAndDropsCommentLines() {
        assertThat(CqlMigrations.statements("""
                -- comment; with a semicolon
                CREATE TABLE a (id int PRIMARY KEY);
                // another comment
                INSERT INTO a (id) VALUES (1);

                """)).containsExactly("CREATE TABLE a (id int PRIMARY KEY)", "INSERT INTO a (id) VALUES (1)");
    }
}
