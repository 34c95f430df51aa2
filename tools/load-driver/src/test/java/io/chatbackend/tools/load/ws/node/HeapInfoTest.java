package io.chatbackend.tools.load.ws.node;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapInfoTest {

    @Test
    void serialAndParallelGenerationsAreSummedAndMetaspaceIsNotHeap() {
        assertThat(HeapInfo.usedBytes("""
                12345:
                 def new generation   total 19648K, used 5000K [0x00000000e0000000, 0x00000000e1550000)
                  eden space 17472K,  28% used [0x00000000e0000000, 0x00000000e04e2000, 0x00000000e1110000)
                 tenured generation   total 43712K, used 20000K [0x00000000eaaa0000, 0x00000000ed550000)
                 Metaspace       used 60000K, committed 60500K, reserved 1114112K
                """)).hasValue((5000L + 20000L) * 1024);
        assertThat(HeapInfo.usedBytes(" PSYoungGen total 76288K, used 1310K [0x\n ParOldGen total 175104K, used 2M")
                .getAsLong()).isEqualTo(1310L * 1024 + 2 * 1048576);
    }

    @Test
    void g1AndZgc() {
        assertThat(HeapInfo.usedBytes(" garbage-first heap   total 262144K, used 12345K [0x0000000700000000")
                .getAsLong()).isEqualTo(12345L * 1024);
        assertThat(HeapInfo.usedBytes(" ZHeap           used 38M, capacity 256M, max capacity 4096M").getAsLong())
                .isEqualTo(38L * 1048576);
        assertThat(HeapInfo.usedBytes("12345: Could not open socket")).isEmpty();
    }
}
