package io.segmenta.it.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the README's module table, checked on the main classes of every module. Each module's enforcer
 * rule bans dependencies; this test catches what those rules cannot see: a class that uses a library which arrives
 * transitively (the core gets Kafka clients through the schemas module but may not use them).
 */
class LayeringTest {

    private static final String FLINK = "org.apache.flink..";
    private static final String KAFKA_STREAMS = "org.apache.kafka.streams..";
    private static final String KAFKA = "org.apache.kafka..";
    private static final String SMILE = "smile..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.segmenta");
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[]{"io.segmenta.schemas", "io.segmenta.assigner", "io.segmenta.transactions",
                "io.segmenta.fitting", "io.segmenta.analysis", "io.segmenta.trainer", "io.segmenta.streams",
                "io.segmenta.app"}) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void theContractsUseNoEngineAndNoModuleOfOurs() {
        check(noClasses().that().resideInAnyPackage("io.segmenta.schemas..", "io.segmenta.avro..")
                .should().dependOnClassesThat().resideInAnyPackage(FLINK, KAFKA_STREAMS, SMILE,
                        "io.segmenta.assigner..", "io.segmenta.transactions..", "io.segmenta.fitting..",
                        "io.segmenta.analysis..", "io.segmenta.trainer..", "io.segmenta.streams..", "io.segmenta.app.."));
    }

    @Test
    void theCoreUsesNoKafkaNoFlinkNoSmile() {
        check(noClasses().that().resideInAPackage("io.segmenta.assigner..")
                .should().dependOnClassesThat().resideInAnyPackage(KAFKA, FLINK, SMILE, "io.segmenta.transactions..",
                        "io.segmenta.fitting..", "io.segmenta.analysis..", "io.segmenta.trainer..",
                        "io.segmenta.streams..", "io.segmenta.app.."));
    }

    @Test
    void theImporterUsesNoEngineAndNoSmile() {
        check(noClasses().that().resideInAPackage("io.segmenta.transactions..")
                .should().dependOnClassesThat().resideInAnyPackage(FLINK, KAFKA_STREAMS, SMILE,
                        "io.segmenta.assigner..", "io.segmenta.fitting..", "io.segmenta.analysis..",
                        "io.segmenta.trainer..", "io.segmenta.streams..", "io.segmenta.app.."));
    }

    @Test
    void fittingUsesNoEngine() {
        check(noClasses().that().resideInAPackage("io.segmenta.fitting..")
                .should().dependOnClassesThat().resideInAnyPackage(FLINK, KAFKA, "io.segmenta.transactions..",
                        "io.segmenta.analysis..", "io.segmenta.trainer..", "io.segmenta.streams..", "io.segmenta.app.."));
    }

    @Test
    void theAnalysisUsesNoEngineAndNoService() {
        check(noClasses().that().resideInAPackage("io.segmenta.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage(FLINK, KAFKA_STREAMS, "io.segmenta.trainer..",
                        "io.segmenta.streams..", "io.segmenta.app.."));
    }

    @Test
    void theTrainerNeverSeesKafkaStreamsTheAssignerServiceOrTheAnalysis() {
        check(noClasses().that().resideInAPackage("io.segmenta.trainer..")
                .should().dependOnClassesThat().resideInAnyPackage(KAFKA_STREAMS, "io.segmenta.streams..",
                        "io.segmenta.analysis..", "io.segmenta.app.."));
    }

    @Test
    void insideTheTrainerSettingsAndRecordsKnowNothingOfTheJobAndTheJobNothingOfItsWiring() {
        check(noClasses().that().resideInAnyPackage("io.segmenta.trainer.config..", "io.segmenta.trainer.events..")
                .should().dependOnClassesThat().resideInAnyPackage("io.segmenta.trainer", "io.segmenta.trainer.job..",
                        "io.segmenta.trainer.kafka.."));
        check(noClasses().that().resideInAPackage("io.segmenta.trainer.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.segmenta.trainer.events.."));
        check(noClasses().that().resideInAPackage("io.segmenta.trainer.job..")
                .should().dependOnClassesThat().resideInAnyPackage("io.segmenta.trainer", "io.segmenta.trainer.kafka.."));
    }

    @Test
    void theAssignerServiceNeverSeesFlinkTheTrainerFittingOrTheAnalysis() {
        check(noClasses().that().resideInAPackage("io.segmenta.streams..")
                .should().dependOnClassesThat().resideInAnyPackage(FLINK, SMILE, "io.segmenta.trainer..",
                        "io.segmenta.fitting..", "io.segmenta.analysis..", "io.segmenta.app.."));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
