package io.chatbackend.platform.web.edge;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCharactersTest {

    /** Spring Security's own rules, which these replace. */
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void decidesLikeSpringSecuritysPatternsOnEveryKindOfCharacter() {
        Random random = new Random(20261206);
        int[] interesting = {'\t', '\n', '\r', 0, 0x1f, 0x7f, 0x80, 0x9f, 0xa0, 0x378, 0xe000, 0xfffe, 0x10ffff,
                0x1f600, 0xd800, 'a', ' ', '~', '/', '='};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(6);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(4);
                int codePoint = pick == 0 ? interesting[random.nextInt(interesting.length)]
                        : pick == 1 ? random.nextInt(0x80) : pick == 2 ? random.nextInt(0x3000)
                        : random.nextInt(0x110000);
                text.appendCodePoint(codePoint);
            }
            String s = text.toString();
            assertThat(HeaderCharacters.allowedName(s)).as("name %s", s.codePoints().boxed().toList())
                    .isEqualTo(NAME.matcher(s).matches());
            assertThat(HeaderCharacters.allowedValue(s)).as("value %s", s.codePoints().boxed().toList())
                    .isEqualTo(VALUE.matcher(s).matches());
        }
    }

    @Test
    void aTabIsAllowedInAValueButNotInAName() {
        assertThat(HeaderCharacters.allowedValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.allowedName("a\tb")).isFalse();
        assertThat(HeaderCharacters.allowedValue("a\nb")).isFalse();
    }
}
