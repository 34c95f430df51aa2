package io.chatbackend.uaa.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    private final PasswordEncoder passwords = PasswordHashing.encoder();

    @Test
    void twoPasswordsEqualInTheirFirst72BytesAreNotInterchangeable() {
        String first72 = "x".repeat(72);
        String hash = passwords.encode(first72 + "-the-rest-of-a-long-passphrase");

        assertThat(hash).startsWith("{bcrypt-sha256}");
        assertThat(passwords.matches(first72 + "-the-rest-of-a-long-passphrase", hash)).isTrue();
        assertThat(passwords.matches(first72 + "-another-ending-altogether", hash)).isFalse();
        assertThat(passwords.matches(first72, hash)).isFalse();
    }

    @Test
    void aHundredCharacterPasswordIsHashedAndVerified() {
        String long100 = "ünïcödé-".repeat(12) + "1234";
        assertThat(passwords.matches(long100, passwords.encode(long100))).isTrue();
    }

    @Test
    void hashesOfEarlierVersionsStillVerifyAndAskForAnUpgrade() {
        String legacy = "{bcrypt}" + new BCryptPasswordEncoder().encode("correct horse battery");

        assertThat(passwords.matches("correct horse battery", legacy)).isTrue();
        assertThat(passwords.matches("wrong horse battery", legacy)).isFalse();
        assertThat(passwords.upgradeEncoding(legacy)).isTrue();
        // longer than bcrypt reads: no such password was ever stored, so it matches nothing (and never throws)
        assertThat(passwords.matches("y".repeat(100), legacy)).isFalse();
    }
}
