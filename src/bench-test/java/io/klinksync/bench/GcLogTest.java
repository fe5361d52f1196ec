package io.klinksync.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTest {

    @Test
    void peakHeapIsTheLargestUsedBeforeAnyCollection(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.011s][info][gc] Using G1
                [1.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 5.123ms
                [9.100s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 123M->33M(158M) 13.538ms
                [9.900s][info][gc] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 102400K->40960K(262144K) 2.1ms
                [12.00s][info][gc] GC(3) Pause Full (System.gc()) 1G->50M(256M) 80.0ms
                """);
        GcLog.Peak peak = GcLog.peak(log);
        assertThat(peak.usedMb()).isEqualTo(1024.0);
        assertThat(peak.committedMb()).isEqualTo(256.0);
        assertThat(peak.collections()).isEqualTo(4);
    }
}
