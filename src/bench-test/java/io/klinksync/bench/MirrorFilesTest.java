package io.klinksync.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MirrorFilesTest {

    @Test
    void aSqliteMirrorIsItsFileWithItsWalAndShm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mirror.sqlite");
        Files.write(file, new byte[1000]);
        Files.write(dir.resolve("mirror.sqlite-wal"), new byte[200]);
        Files.write(dir.resolve("mirror.sqlite-shm"), new byte[30]);
        Files.write(dir.resolve("mirror.sqlite.klink-schema.lock"), new byte[7]);
        Files.write(dir.resolve("other.sqlite"), new byte[5000]);
        assertThat(BenchMirror.MirrorFiles.bytes(BenchMirror.MirrorFiles.sqlite(file))).isEqualTo(1230);
    }

    @Test
    void anH2MirrorIsItsMvDbAndTraceFile(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("mirror");
        Files.write(dir.resolve("mirror.mv.db"), new byte[4096]);
        assertThat(BenchMirror.MirrorFiles.bytes(BenchMirror.MirrorFiles.h2(base))).isEqualTo(4096);
        Files.write(dir.resolve("mirror.trace.db"), new byte[4]);
        assertThat(BenchMirror.MirrorFiles.bytes(BenchMirror.MirrorFiles.h2(base))).isEqualTo(4100);
    }

    @Test
    void filesNotThereCountNothing(@TempDir Path dir) {
        assertThat(BenchMirror.MirrorFiles.bytes(BenchMirror.MirrorFiles.sqlite(dir.resolve("none.sqlite")))).isZero();
    }
}
