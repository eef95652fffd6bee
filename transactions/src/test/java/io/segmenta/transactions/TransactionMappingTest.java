package io.segmenta.transactions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionMappingTest {

    private static TransactionMapping of(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return TransactionMapping.fromProperties(p, "test", "test.properties");
    }

    private static final String MINIMAL = "customer.id=Customer\ntime=Date\ntime.pattern=yyyy-MM-dd\namount=Total\n";

    @Test
    void builtInMappingsLoadAndDescribeTheirFormats() {
        TransactionMapping retail = TransactionMappings.builtIn(TransactionMappings.ONLINE_RETAIL);
        assertThat(retail.name()).isEqualTo("online-retail");
        assertThat(retail.header()).isTrue();
        assertThat(retail.customerIdInteger()).isTrue();
        assertThat(retail.refundRule().prefix()).isEqualTo("C");
        assertThat(retail.unitPrice()).isEqualTo(ColumnRef.named("UnitPrice"));

        TransactionMapping cdnow = TransactionMappings.builtIn(TransactionMappings.CDNOW);
        assertThat(cdnow.header()).isFalse();
        assertThat(cdnow.delimiter()).isEqualTo(Delimiter.WHITESPACE);
        assertThat(cdnow.amount()).isEqualTo(ColumnRef.at(4));
    }

    @Test
    void builtInsRecogniseOnlyTheirOwnFirstLine() {
        String retailHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
        String cdnowLine = " 00001 20210101  1   11.77\r";
        TransactionMapping retail = TransactionMappings.builtIn(TransactionMappings.ONLINE_RETAIL);
        TransactionMapping cdnow = TransactionMappings.builtIn(TransactionMappings.CDNOW);
        assertThat(retail.matchesFirstLine(retailHeader)).isTrue();
        assertThat(retail.matchesFirstLine(cdnowLine)).isFalse();
        assertThat(cdnow.matchesFirstLine(cdnowLine)).isTrue();
        assertThat(cdnow.matchesFirstLine(retailHeader)).isFalse();
        assertThat(retail.matchesFirstLine("CustomerID,Genre,Age")).isFalse();
    }

    @Test
    void aMinimalMappingNeedsIdTimePatternAndMoney() throws IOException {
        TransactionMapping m = of(MINIMAL);
        assertThat(m.name()).isEqualTo("test");
        assertThat(m.delimiter()).isNull(); // auto
        assertThat(m.timeFormat().zone().getId()).isEqualTo("UTC");
    }

    @Test
    void rejectsUnknownKeysSoThatATypoIsNotSilent() {
        assertThatThrownBy(() -> of(MINIMAL + "cusotmer.id=x\n")).isInstanceOf(MappingException.class)
                .hasMessageContaining("unknown key(s) [cusotmer.id]");
    }

    @Test
    void explainsEachMissingOrBadSetting() {
        assertThatThrownBy(() -> of("time=Date\ntime.pattern=yyyy\namount=A\n"))
                .hasMessageContaining("customer.id is required");
        assertThatThrownBy(() -> of("customer.id=C\ntime=Date\namount=A\n"))
                .hasMessageContaining("time.pattern is required");
        assertThatThrownBy(() -> of("customer.id=C\ntime=D\ntime.pattern=yyyy\nquantity=Q\n"))
                .hasMessageContaining("give amount, or both quantity and unit.price");
        assertThatThrownBy(() -> of(MINIMAL + "time.zone=Mars/Base\n")).hasMessageContaining("time.zone");
        assertThatThrownBy(() -> of(MINIMAL.replace("yyyy-MM-dd", "yyyy-bb")))
                .hasMessageContaining("time.pattern 'yyyy-bb'");
        assertThatThrownBy(() -> of(MINIMAL + "refund.prefix=C\n"))
                .hasMessageContaining("refund.prefix must be <column>:<prefix>");
        assertThatThrownBy(() -> of(MINIMAL + "header=false\n"))
                .hasMessageContaining("without a header, columns are positions");
        assertThatThrownBy(() -> of(MINIMAL + "header=yes\n")).hasMessageContaining("header must be true or false");
    }

    @Test
    void attributesAndRefundRulesAreRead() throws IOException {
        TransactionMapping m = of(MINIMAL + "attribute.invoice=Invoice\nrefund.prefix=Invoice:C\nrefund.negative=true\n");
        assertThat(m.attributes()).containsEntry("invoice", ColumnRef.named("Invoice"));
        assertThat(m.refundRule().negative()).isTrue();
        assertThat(m.columns()).contains(ColumnRef.named("Invoice"));
    }

    @Test
    void resolveRejectsANameThatIsNeitherBuiltInNorAFile() {
        assertThatThrownBy(() -> TransactionMappings.resolve("no-such-mapping"))
                .hasMessageContaining("neither a built-in mapping");
    }
}
