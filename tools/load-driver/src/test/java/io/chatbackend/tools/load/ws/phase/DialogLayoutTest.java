package io.chatbackend.tools.load.ws.phase;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialogLayoutTest {

    @Test
    void everyUserIsInExactlyItsDialogsOfDistinctMembersWithinTheSizes() {
        for (int users : new int[] {2, 3, 17, 100, 1_000, 10_000}) {
            for (long seed = 1; seed <= 3; seed++) {
                DialogLayout layout = DialogLayout.of(users, 10, 2, 50, seed);
                int[] memberships = new int[users];
                for (List<Integer> dialog : layout.dialogs()) {
                    assertThat(dialog.size()).isBetween(2, Math.min(50, users));
                    assertThat(new HashSet<>(dialog)).hasSameSizeAs(dialog);
                    dialog.forEach(user -> memberships[user]++);
                }
                for (int user = 0; user < users; user++) {
                    assertThat(memberships[user]).as("user %d of %d, seed %d", user, users, seed).isEqualTo(10);
                }
                assertThat(layout.members()).isEqualTo(users * 10);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameLayoutAndAnotherSeedAnother() {
        assertThat(DialogLayout.of(500, 10, 2, 50, 7)).isEqualTo(DialogLayout.of(500, 10, 2, 50, 7));
        assertThat(DialogLayout.of(500, 10, 2, 50, 7)).isNotEqualTo(DialogLayout.of(500, 10, 2, 50, 8));
    }

    @Test
    void sizesSpreadOverTheRange() {
        DialogLayout layout = DialogLayout.of(10_000, 10, 2, 50, 1);
        var sizes = layout.dialogs().stream().mapToInt(List::size).summaryStatistics();
        assertThat(sizes.getMin()).isLessThan(5);
        assertThat(sizes.getMax()).isGreaterThan(45);
        assertThat(sizes.getAverage()).isBetween(20.0, 32.0);
    }

    @Test
    void tooFewUsersAreRefused() {
        assertThatThrownBy(() -> DialogLayout.of(1, 10, 2, 50, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markersCarryTheirIndex() {
        assertThat(PhaseContext.indexOf(PhaseContext.marker("L", 12), "L")).isEqualTo(12);
        assertThat(PhaseContext.indexOf(PhaseContext.marker("L", 12), "S")).isEqualTo(-1);
        assertThat(PhaseContext.indexOf("wsL-", "L")).isEqualTo(-1);
        assertThat(PhaseContext.indexOf(null, "L")).isEqualTo(-1);
    }
}
