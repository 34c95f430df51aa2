package io.chatbackend.platform.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerConfigTest {

    @Test
    void theDurableModeFlushesEveryCommitAndKeepsFullPageWrites() {
        assertThat(PostgresServer.serverConfig(Mode.DURABLE))
                .containsEntry("fsync", "on")
                .containsEntry("synchronous_commit", "on")
                .containsEntry("full_page_writes", "on");
    }

    @Test
    void theTestModeStaysFastAndUndurable() {
        assertThat(PostgresServer.serverConfig(Mode.TEST))
                .containsEntry("fsync", "off")
                .containsEntry("synchronous_commit", "off")
                .containsEntry("full_page_writes", "off");
    }

    @Test
    void bothModesListenOnLoopbackOnlyWithoutASocketFile() {
        for (Mode mode : Mode.values()) {
            assertThat(PostgresServer.serverConfig(mode))
                    .containsEntry("listen_addresses", "127.0.0.1")
                    .containsEntry("unix_socket_directories", "");
        }
    }
}
