package io.klinksync.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.klinksync.bench.BenchMirror.Kind.H2;
import static io.klinksync.bench.BenchMirror.Kind.POSTGRESQL;
import static io.klinksync.bench.BenchMirror.Kind.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnginesTest {

    @Test
    void theEmbeddedDefaultIsTheEngineOfTheShippedUrl() {
        assertThat(Engines.embeddedDefault("# the mirror\nmirror.type=jdbc\nmirror.jdbc.url=jdbc:sqlite:./data/klink-mirror.sqlite\n"))
                .isEqualTo(SQLITE);
        assertThat(Engines.embeddedDefault("mirror.jdbc.url=jdbc:h2:file:./data/klink-mirror;NON_KEYWORDS=VALUE\n"))
                .isEqualTo(H2);
    }

    @Test
    void aShippedUrlThatIsNotEmbeddedIsRefused() {
        assertThatThrownBy(() -> Engines.embeddedDefault("mirror.jdbc.url=jdbc:postgresql://db/klink\n"))
                .isInstanceOf(BenchException.class).hasMessageContaining("not an embedded engine");
        assertThatThrownBy(() -> Engines.embeddedDefault("mirror.type=jdbc\n"))
                .isInstanceOf(BenchException.class).hasMessageContaining("mirror.jdbc.url");
    }

    @Test
    void engineOptionsAreRepeatableOrCommaListsEachOnceInOrder() {
        assertThat(Engines.parse(List.of("sqlite,h2", "PostgreSQL", "h2"), SQLITE)).containsExactly(SQLITE, H2, POSTGRESQL);
        assertThat(Engines.parse(List.of("h2"), SQLITE)).containsExactly(H2);
    }

    @Test
    void withoutEngineOptionsPostgresqlAndTheEmbeddedDefault() {
        assertThat(Engines.parse(List.of(), SQLITE)).containsExactly(POSTGRESQL, SQLITE);
        assertThat(Engines.parse(List.of(), H2)).containsExactly(POSTGRESQL, H2);
    }

    @Test
    void anUnknownEngineIsNamed() {
        assertThatThrownBy(() -> Engines.parse(List.of("duckdb"), SQLITE))
                .isInstanceOf(BenchException.class).hasMessageContaining("duckdb").hasMessageContaining("postgresql, sqlite or h2");
    }

    @Test
    void targetsAreHeldOnPostgresqlAndTheEmbeddedDefaultOnly() {
        assertThat(Engines.held(POSTGRESQL, SQLITE)).isTrue();
        assertThat(Engines.held(SQLITE, SQLITE)).isTrue();
        assertThat(Engines.held(H2, SQLITE)).isFalse();
        assertThat(Engines.into(H2, SQLITE)).isEqualTo(" into embedded H2 (information)");
        assertThat(Engines.into(SQLITE, SQLITE)).isEqualTo(" into embedded SQLite (the embedded default)");
    }

    @Test
    void theLatencyOrderTurnsEachRun() {
        List<BenchMirror.Kind> kinds = List.of(POSTGRESQL, SQLITE, H2);
        assertThat(LatencyScenario.order(kinds, 1)).containsExactly(POSTGRESQL, SQLITE, H2);
        assertThat(LatencyScenario.order(kinds, 2)).containsExactly(SQLITE, H2, POSTGRESQL);
        assertThat(LatencyScenario.order(kinds, 4)).containsExactly(POSTGRESQL, SQLITE, H2);
    }

    @Test
    void copyResultRowsRoundTrip() {
        var rows = new java.util.LinkedHashMap<String, Long>();
        rows.put("contacts", 200L);
        rows.put("contact_emails", 390L);
        assertThat(CopyLoad.parseRows(CopyLoad.formatRows(rows))).containsExactlyEntriesOf(rows);
    }
}
