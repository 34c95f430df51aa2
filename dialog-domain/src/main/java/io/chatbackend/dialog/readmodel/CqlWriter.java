package io.chatbackend.dialog.readmodel;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/**
 * Runs one statement template against every physical table a projection writes to (the live one, and the one being
 * rebuilt while a rebuild runs), with prepared statements cached per physical table.
 */
final class CqlWriter {

    private final CqlSession session;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    CqlWriter(CqlSession session) {
        this.session = session;
    }

    CompletionStage<AsyncResultSet> execute(String table, String template, Object... values) {
        PreparedStatement statement = prepared.computeIfAbsent(template.formatted(table), session::prepare);
        return session.executeAsync(statement.bind(values));
    }
}
