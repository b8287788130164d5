package io.libvfio.examples.hosts;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code examples/hosts/<name>} trees are exactly what the generator writes:
 * same paths, same bytes, same link targets, nothing extra. Run with
 * {@code -Dlibvfio.regenerate=true} to rewrite them first.
 */
final class ExampleHostsAreUpToDateTest
{
    @BeforeAll
    static void regenerateWhenAsked()
    {
        if (Boolean.getBoolean(ExampleHosts.REGENERATE_PROPERTY)) {
            ExampleHosts.regenerate(ExampleHosts.committedDirectory());
        }
    }

    static List<String> hostNames()
    {
        return ExampleHosts.names();
    }

    @Test
    void everyCommittedHostIsGenerated() throws Exception
    {
        try (Stream<Path> entries = Files.list(ExampleHosts.committedDirectory())) {
            List<String> directories = entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
            assertThat(directories).containsExactlyInAnyOrderElementsOf(ExampleHosts.names());
        }
    }

    @ParameterizedTest
    @MethodSource("hostNames")
    void committedTreeMatchesTheGenerator(String name, @TempDir Path temp)
    {
        Path generated = temp.resolve(name);
        ExampleHosts.write(name, generated);
        assertThat(HostTree.emptyDirectories(generated))
                .as("empty directories git would drop; only those that read the same when absent are allowed")
                .allMatch(ExampleHosts::isDroppableEmptyDirectory);

        Map<String, String> expected = HostTree.snapshot(generated);
        Map<String, String> actual = HostTree.snapshot(ExampleHosts.committedDirectory().resolve(name));
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        TreeSet<String> extra = new TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        TreeSet<String> different = new TreeSet<>(expected.keySet());
        different.retainAll(actual.keySet());
        different.removeIf(path -> expected.get(path).equals(actual.get(path)));
        String hint = " in examples/hosts/" + name + " (regenerate: -Dlibvfio.regenerate=true, see ExampleHosts)";
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(missing).as("paths missing" + hint).isEmpty();
            softly.assertThat(extra).as("extra paths" + hint).isEmpty();
            softly.assertThat(different).as("paths whose bytes or link target differ" + hint).isEmpty();
        });
    }
}
