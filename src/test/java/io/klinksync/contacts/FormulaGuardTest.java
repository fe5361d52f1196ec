package io.klinksync.contacts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormulaGuardTest {

    @Test
    void cellsThatASpreadsheetWouldEvaluateGetALeadingApostrophe() {
        assertThat(FormulaGuard.guard("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(FormulaGuard.guard("+95 9 420")).isEqualTo("'+95 9 420");
        assertThat(FormulaGuard.guard("-5")).isEqualTo("'-5");
        assertThat(FormulaGuard.guard("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(FormulaGuard.guard("\tx")).isEqualTo("'\tx");
        assertThat(FormulaGuard.guard("\rx")).isEqualTo("'\rx");
        assertThat(FormulaGuard.guard("Aria ")).isEqualTo("Aria ");
        assertThat(FormulaGuard.guard("")).isEmpty();
    }

    @Test
    void importUndoesExactlyWhatExportDid() {
        for (String value : new String[]{"=1+1", "+959", "-", "@x", "'=already quoted", "''=two", "'plain", "plain",
                "", "ကျော်", "\t", "'"}) {
            assertThat(FormulaGuard.unguard(FormulaGuard.guard(value))).as(value).isEqualTo(value);
        }
    }
}
