package io.libvfio.cli;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.libvfio.api.VfioException;
import io.libvfio.cli.command.GvmProfilesCommand;
import io.libvfio.runtime.host.DetachedLauncher;
import io.libvfio.runtime.host.NativeExit;
import io.libvfio.runtime.host.ProcessCommandRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * What may depend on what. Imports the production classes of every module on the CLI's class
 * path (api, runtime, the four backends, cli); test code and the test kit are not checked.
 */
final class ArchitectureTest
{
    private static final String GVM_PROFILES = "io.libvfio.backend.nvidia.gvm.profile..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses()
    {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::isProductionJarOrClasses)
                .importPackages("io.libvfio");
    }

    private static boolean isProductionJarOrClasses(Location location)
    {
        return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    @Test
    void apiDependsOnTheJdkOnly()
    {
        classes().that().resideInAPackage("io.libvfio.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.libvfio.api..")
                .check(classes);
    }

    @Test
    void backendsDependOnTheApiOnly()
    {
        classes().that().resideInAPackage("io.libvfio.backend..").and().resideOutsideOfPackage(GVM_PROFILES)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.libvfio.api..", "io.libvfio.backend..", "org.slf4j..", "com.sun.jna..")
                .check(classes);
    }

    /** The one allowance: NVIDIA's GVM profile reader parses Mdev-GPU YAML with SnakeYAML. */
    @Test
    void onlyTheGvmProfileReaderOfABackendUsesSnakeYaml()
    {
        classes().that().resideInAPackage(GVM_PROFILES)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.libvfio.api..", GVM_PROFILES, "org.yaml.snakeyaml..")
                .check(classes);
    }

    /** The CLI reaches backends through the runtime's ServiceLoader, except gvm-profiles, which reads files with the NVIDIA backend's reader. */
    @Test
    void onlyTheGvmProfilesCommandUsesABackendDirectly()
    {
        noClasses().that().resideInAPackage("io.libvfio.cli..").and().doNotHaveFullyQualifiedName(GvmProfilesCommand.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.libvfio.backend..")
                .check(classes);
        noClasses().that().haveFullyQualifiedName(GvmProfilesCommand.class.getName())
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.libvfio.backend..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage(GVM_PROFILES)))
                .check(classes);
    }

    @Test
    void backendsNeverDependOnEachOther()
    {
        slices().matching("io.libvfio.backend.(*).(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void theRuntimeNeverImportsABackendOrTheCli()
    {
        noClasses().that().resideInAPackage("io.libvfio.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("io.libvfio.backend..", "io.libvfio.cli..")
                .check(classes);
    }

    @Test
    void thePassthroughBackendIsABackendLikeAnyOther()
    {
        classes().that().resideInAPackage("io.libvfio.runtime.passthrough..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.libvfio.api..", "io.libvfio.runtime.passthrough..")
                .check(classes);
    }

    @Test
    void jsonStaysOffTheStartUpPathOfTheRuntime()
    {
        // vGPU records and the VM lifecycle (QMP, VM state files, firmware descriptors) are the runtime's only JSON;
        // 'gpus', 'types' and 'backends' never load it.
        noClasses().that().resideInAPackage("io.libvfio.runtime..").and().resideOutsideOfPackage("io.libvfio.runtime.vgpu..")
                .and().resideOutsideOfPackage("io.libvfio.runtime.vm..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void onlyTheWiringPackageTouchesGuice()
    {
        noClasses().that().resideOutsideOfPackage("io.libvfio.runtime.inject..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
                .check(classes);
    }

    @Test
    void onlyTheEntryPointWritesToTheStandardStreamsOrExits()
    {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .orShould().callMethod(NativeExit.class, "exitIfArmed", int.class)
                .check(classes);
    }

    @Test
    void onlyTheProcessRunnerAndTheDetachedLauncherStartProcesses()
    {
        noClasses().that().doNotHaveFullyQualifiedName(ProcessCommandRunner.class.getName())
                .and().doNotHaveFullyQualifiedName(DetachedLauncher.class.getName())
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.commons.exec..")
                .check(classes);
    }

    @Test
    void onlyVmFilesAndSetupReadYaml()
    {
        noClasses().that().resideOutsideOfPackages("io.libvfio.runtime.vm.config..", "io.libvfio.runtime.setup..", GVM_PROFILES)
                .should().dependOnClassesThat().resideInAPackage("org.yaml.snakeyaml..")
                .check(classes);
    }

    @Test
    void planningOnlyReads()
    {
        noClasses().that().resideInAPackage("io.libvfio.runtime.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("io.libvfio.runtime.host..", "io.libvfio.runtime.setup..", "io.libvfio.runtime.doctor..",
                        "io.libvfio.api.spi..")
                .check(classes);
    }

    @Test
    void onlyThePluginLoaderMakesClassLoaders()
    {
        noClasses().that().resideOutsideOfPackage("io.libvfio.runtime.plugin..")
                .should().beAssignableTo(ClassLoader.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.net.URLClassLoader.class)
                .check(classes);
    }

    @Test
    void onlyVmFilesSetupAndGvmProfilesReadYaml()
    {
        noClasses().that().resideOutsideOfPackages("io.libvfio.runtime.vm.config..", "io.libvfio.runtime.setup..", GVM_PROFILES)
                .should().dependOnClassesThat().resideInAPackage("org.yaml.snakeyaml..")
                .check(classes);
    }

    @Test
    void pluginsSeeTheApiOnlyThroughTheirParentLoader()
    {
        classes().that().resideInAPackage("io.libvfio.runtime.plugin..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.libvfio.api..", "io.libvfio.runtime.plugin..")
                .check(classes);
    }

    @Test
    void vmConfigDependsOnTheApiHostDirectoriesTextPlannerAndSnakeYamlOnly()
    {
        classes().that().resideInAPackage("io.libvfio.runtime.vm.config..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.libvfio.api..", "io.libvfio.runtime.vm.config..",
                        "io.libvfio.runtime.host..", "io.libvfio.runtime.text..", "io.libvfio.runtime.plan..", "org.yaml.snakeyaml..")
                .check(classes);
        classes().that().resideInAPackage("io.libvfio.runtime.text..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.libvfio.runtime.text..")
                .check(classes);
    }

    @Test
    void noPackageCycles()
    {
        slices().matching("io.libvfio.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyExceptionIsAVfioException()
    {
        classes().that().resideInAPackage("io.libvfio..").and().areAssignableTo(Throwable.class)
                .should().beAssignableTo(VfioException.class)
                .check(classes);
    }

    @Test
    void noJavaUtilLoggingAndNoFieldInjection()
    {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    }
}
