package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScorePackageTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/cscore/score");

    @Test
    void importsNothingOutsideTheJdk() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.list(SOURCES)) {
            imports = files.flatMap(ScorePackageTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import (static )?java\\..*"))
                    .toList();
        }

        assertFalse(lines(SOURCES.resolve("CScore.java")).toList().isEmpty());
        assertEquals(List.of(), imports);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
