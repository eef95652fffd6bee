package io.segmenta.transactions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelimiterTest {

    @Test
    void detectsTheDelimiterOfAHeaderLine() {
        assertThat(Delimiter.detect("a,b,c")).isEqualTo(Delimiter.COMMA);
        assertThat(Delimiter.detect("ID\tYear_Birth\tIncome")).isEqualTo(Delimiter.TAB);
        assertThat(Delimiter.detect("a;b;c")).isEqualTo(Delimiter.SEMICOLON);
        assertThat(Delimiter.detect(" 00001 20210101  1   11.77")).isEqualTo(Delimiter.WHITESPACE);
    }

    @Test
    void ignoresDelimitersInsideQuotes() {
        assertThat(Delimiter.detect("\"a,b\";\"c,d\";e")).isEqualTo(Delimiter.SEMICOLON);
    }

    @Test
    void splitsWhitespaceIgnoringLeadingBlanksAndCarriageReturns() {
        assertThat(Delimiter.splitWhitespace(" 00001 20210101  1   11.77\r"))
                .containsExactly("00001", "20210101", "1", "11.77");
    }

    @Test
    void rejectsAnUnknownName() {
        assertThatThrownBy(() -> Delimiter.parse("colon")).hasMessageContaining("unknown delimiter 'colon'");
        assertThat(Delimiter.parse("Tab")).isEqualTo(Delimiter.TAB);
    }
}
