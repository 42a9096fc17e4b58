package io.github.cscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java examples of README.md and docs/*.md are the code of tests that run.
 *
 * <p>In a document, a Java code block is a snippet when the line right before its fence is
 * {@code <!-- snippet: NAME -->} (NAME: letters, digits, '.', '_', '-'). In a test source under
 * src/test/java, the lines between a line {@code // snippet: NAME} and the next line
 * {@code // end-snippet} are its region. After removing trailing spaces, blank lines at either
 * end and the indentation common to all lines, the block must equal the region line for line.
 * Several documents may show the same region; every region must be shown in at least one
 * document, and a NAME has exactly one region.
 */
class DocSnippetsTest {

    private static final Pattern DOC_MARKER = Pattern.compile("<!-- snippet: ([\\w.-]+) -->");
    private static final Pattern REGION_START = Pattern.compile("// snippet: ([\\w.-]+)");
    private static final String REGION_END = "// end-snippet";
    private static final int DIFF_LINES = 12;

    /** A marked code block of a document; {@code line} is that of the marker (1-based). */
    record Block(String file, int line, String name, List<String> code) {}

    /** A region of a test source; {@code line} is that of its start comment (1-based). */
    record Region(String file, int line, String name, List<String> code) {}

    @TestFactory
    Stream<DynamicTest> everyMarkedBlockIsTheCodeOfItsRegion() throws IOException {
        List<Block> blocks = documentBlocks();
        Map<String, Region> regions = byName(sourceRegions());
        assertFalse(blocks.isEmpty(), "no snippet markers found in README.md or docs/*.md");
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.file() + ": " + block.name(),
                () -> mismatch(block, regions).ifPresent(message -> fail(message))));
    }

    @Test
    void everyRegionIsShownInADocument() throws IOException {
        List<String> unshown = unshown(documentBlocks(), sourceRegions());

        assertTrue(unshown.isEmpty(), String.join("\n", unshown));
    }

    private static List<Block> documentBlocks() throws IOException {
        Path readme = Path.of("README.md");
        assertTrue(Files.isRegularFile(readme), "README.md not found in " + readme.toAbsolutePath().getParent());
        List<Path> documents = new ArrayList<>(List.of(readme));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path document : documents) {
            blocks.addAll(blocks(document.toString(), Files.readAllLines(document)));
        }
        return blocks;
    }

    private static List<Region> sourceRegions() throws IOException {
        List<Region> regions = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                regions.addAll(regions(source.toString(), Files.readAllLines(source)));
            }
        }
        return regions;
    }

    /** The marked Java blocks of one document. */
    static List<Block> blocks(String file, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("<!--") || !line.contains("snippet")) {
                continue;
            }
            Matcher marker = DOC_MARKER.matcher(line);
            if (!marker.matches()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": malformed snippet marker '" + line
                        + "'; expected <!-- snippet: NAME -->");
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).strip().equals("```java")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": snippet marker '" + marker.group(1)
                        + "' must be followed by a ```java line");
            }
            int end = i + 2;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(file + ":" + (i + 2) + ": code block of snippet '"
                        + marker.group(1) + "' is never closed");
            }
            blocks.add(new Block(file, i + 1, marker.group(1), normalised(lines.subList(i + 2, end))));
            i = end;
        }
        return blocks;
    }

    /** The snippet regions of one source file. */
    static List<Region> regions(String file, List<String> lines) {
        List<Region> regions = new ArrayList<>();
        int start = -1;
        String name = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher begin = REGION_START.matcher(line);
            if (begin.matches()) {
                if (name != null) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": snippet '" + begin.group(1)
                            + "' starts inside snippet '" + name + "' (line " + (start + 1) + ")");
                }
                name = begin.group(1);
                start = i;
            } else if (line.equals(REGION_END)) {
                if (name == null) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + REGION_END + " without a snippet");
                }
                regions.add(new Region(file, start + 1, name, normalised(lines.subList(start + 1, i))));
                name = null;
            } else if (line.startsWith("// snippet") || line.startsWith("// end-snippet")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": malformed snippet comment '" + line
                        + "'; expected // snippet: NAME or " + REGION_END);
            }
        }
        if (name != null) {
            throw new IllegalArgumentException(file + ":" + (start + 1) + ": snippet '" + name + "' has no "
                    + REGION_END);
        }
        return regions;
    }

    /** Without trailing spaces, blank lines at either end and common indentation. */
    static List<String> normalised(List<String> lines) {
        List<String> stripped = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
        while (!stripped.isEmpty() && stripped.get(0).isEmpty()) {
            stripped.remove(0);
        }
        while (!stripped.isEmpty() && stripped.get(stripped.size() - 1).isEmpty()) {
            stripped.remove(stripped.size() - 1);
        }
        int indent = stripped.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return stripped.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }

    static Map<String, Region> byName(List<Region> regions) {
        Map<String, Region> byName = new LinkedHashMap<>();
        for (Region region : regions) {
            Region other = byName.putIfAbsent(region.name(), region);
            if (other != null) {
                throw new IllegalArgumentException("snippet '" + region.name() + "' has two regions: "
                        + other.file() + ":" + other.line() + " and " + region.file() + ":" + region.line());
            }
        }
        return byName;
    }

    /** What is wrong with a block, if anything: no region, or a different one (with a diff). */
    static Optional<String> mismatch(Block block, Map<String, Region> regions) {
        String where = block.file() + ":" + block.line() + ": snippet '" + block.name() + "'";
        Region region = regions.get(block.name());
        if (region == null) {
            return Optional.of(where + " has no region: put the code between // snippet: " + block.name()
                    + " and " + REGION_END + " in a test under src/test/java");
        }
        if (block.code().equals(region.code())) {
            return Optional.empty();
        }
        return Optional.of(where + " differs from its region at " + region.file() + ":" + region.line()
                + " (- document, + source):\n" + diff(block.code(), region.code()));
    }

    /** One message per region that no document shows. */
    static List<String> unshown(List<Block> blocks, List<Region> regions) {
        Set<String> shown = new TreeSet<>();
        blocks.forEach(b -> shown.add(b.name()));
        return regions.stream().filter(r -> !shown.contains(r.name()))
                .map(r -> r.file() + ":" + r.line() + ": snippet '" + r.name() + "' is shown in no document:"
                        + " mark a ```java block of README.md or docs/*.md with <!-- snippet: " + r.name() + " -->")
                .toList();
    }

    /** A line diff (longest common subsequence) from three lines before the first change, cut short. */
    static String diff(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int firstChange = -1;
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lines.add("  " + a.get(i++));
                j++;
                continue;
            }
            firstChange = firstChange < 0 ? lines.size() : firstChange;
            if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("- " + a.get(i++));
            } else {
                lines.add("+ " + b.get(j++));
            }
        }
        int from = Math.max(0, firstChange - 3);
        int to = Math.min(lines.size(), from + DIFF_LINES);
        return (from > 0 ? "  ...\n" : "") + String.join("\n", lines.subList(from, to))
                + (to < lines.size() ? "\n  ..." : "");
    }

    /** The checks above on small inputs, so that a broken checker cannot pass quietly. */
    @Nested
    class TheChecker {

        private final List<String> doc = List.of(
                "Text.",
                "",
                "1. A step:",
                "",
                "   <!-- snippet: demo -->",
                "   ```java",
                "   int a = 1;",
                "   if (a > 0) {",
                "       a++;",
                "   }",
                "   ```",
                "",
                "```java",
                "unmarked();",
                "```");

        private final List<String> source = List.of(
                "class X {",
                "    void run() {",
                "        // snippet: demo",
                "        int a = 1;",
                "        if (a > 0) {",
                "            a++;",
                "        }",
                "        // end-snippet",
                "    }",
                "}");

        @Test
        void findsTheMarkedBlockWithoutItsIndentationAndSkipsUnmarkedOnes() {
            List<Block> blocks = blocks("doc.md", doc);

            assertEquals(List.of(new Block("doc.md", 5, "demo", List.of("int a = 1;", "if (a > 0) {", "    a++;", "}"))),
                    blocks);
        }

        @Test
        void aBlockEqualToItsRegionPasses() {
            Map<String, Region> regions = byName(regions("X.java", source));

            assertEquals(Optional.empty(), mismatch(blocks("doc.md", doc).get(0), regions));
            assertEquals(3, regions.get("demo").line());
        }

        @Test
        void aDifferentBlockFailsNamingFileSnippetAndTheChangedLine() {
            List<String> changed = new ArrayList<>(source);
            changed.set(5, "            a += 2;");

            String message = mismatch(blocks("doc.md", doc).get(0), byName(regions("X.java", changed))).orElseThrow();

            assertEquals("doc.md:5: snippet 'demo' differs from its region at X.java:3 (- document, + source):\n"
                    + "  int a = 1;\n  if (a > 0) {\n-     a++;\n+     a += 2;\n  }", message);
        }

        @Test
        void aBlockWithoutRegionAndARegionWithoutBlockFail() {
            Block block = blocks("doc.md", doc).get(0);
            Region other = new Region("Y.java", 7, "other", List.of("x();"));

            assertTrue(mismatch(block, Map.of()).orElseThrow().startsWith("doc.md:5: snippet 'demo' has no region"));
            assertEquals(List.of("Y.java:7: snippet 'other' is shown in no document: mark a ```java block of"
                    + " README.md or docs/*.md with <!-- snippet: other -->"), unshown(List.of(block), List.of(other)));
        }

        @Test
        void brokenMarkersAreErrorsNamingTheLine() {
            assertEquals("d.md:1: snippet marker 'a' must be followed by a ```java line",
                    error(() -> blocks("d.md", List.of("<!-- snippet: a -->", "", "```java", "x();", "```"))));
            assertEquals("d.md:1: malformed snippet marker '<!-- snippet a -->'; expected <!-- snippet: NAME -->",
                    error(() -> blocks("d.md", List.of("<!-- snippet a -->", "```java", "```"))));
            assertEquals("d.md:2: code block of snippet 'a' is never closed",
                    error(() -> blocks("d.md", List.of("<!-- snippet: a -->", "```java", "x();"))));
            assertEquals("S.java:1: snippet 'a' has no // end-snippet",
                    error(() -> regions("S.java", List.of("// snippet: a", "x();"))));
            assertEquals("S.java:2: snippet 'b' starts inside snippet 'a' (line 1)",
                    error(() -> regions("S.java", List.of("// snippet: a", "// snippet: b", "// end-snippet"))));
            assertEquals("S.java:1: // end-snippet without a snippet",
                    error(() -> regions("S.java", List.of("// end-snippet"))));
            assertEquals("snippet 'a' has two regions: S.java:1 and T.java:4", error(() -> byName(List.of(
                    new Region("S.java", 1, "a", List.of()), new Region("T.java", 4, "a", List.of())))));
        }

        private String error(Runnable parse) {
            return assertThrows(IllegalArgumentException.class, parse::run).getMessage();
        }
    }
}
