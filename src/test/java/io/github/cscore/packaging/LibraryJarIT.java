package io.github.cscore.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

/**
 * The library jar is what a user's build depends on: the monitor, not the command line. Runs after
 * {@code package}, on the jars the build made.
 */
class LibraryJarIT {

    private static final List<String> TOOL_PACKAGES = List.of("io/github/cscore/cli/", "io/github/cscore/data/phantom/");

    private static Path libraryJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "cscore-monitor-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().contains("-sources") && !jar.getFileName().toString().contains("-javadoc")) {
                    return jar;
                }
            }
        }
        throw new AssertionError("no library jar target/cscore-monitor-*.jar: run after package");
    }

    @Test
    void theLibraryJarHoldsNoToolClassAndNoClassOfItNamesOne() throws IOException {
        List<String> offending = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(libraryJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                String constants = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                for (String tool : TOOL_PACKAGES) {
                    if (entry.getName().startsWith(tool) || constants.contains(tool)) {
                        offending.add(entry.getName() + " (" + tool + ")");
                    }
                }
            }
        }
        assertTrue(classes > 100, "the library jar holds the library: " + classes + " classes");
        assertEquals(List.of(), offending);
    }

    @Test
    void theToolJarHoldsTheCommandLine() throws IOException {
        try (JarFile tool = new JarFile("target/cscore.jar")) {
            assertFalse(tool.getManifest().getMainAttributes().getValue("Class-Path").isBlank());
            assertEquals("io.github.cscore.cli.CScoreCommand", tool.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(tool.getEntry("io/github/cscore/data/phantom/ChestPhantoms.class") != null);
        }
    }

    @Test
    void dependenciesOnlyTheToolNeedsAreOptionalForLibraryUsers() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        Element dependencies = directChild(project, "dependencies");
        NodeList list = dependencies.getElementsByTagName("dependency");
        List<String> forced = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element dependency = (Element) list.item(i);
            String id = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
            boolean toolOnly = id.equals("info.picocli:picocli") || id.equals("me.tongfei:progressbar")
                    || id.equals("org.slf4j:slf4j-simple") || id.startsWith("ai.djl.pytorch:pytorch-native")
                    || id.equals("ai.djl.pytorch:pytorch-jni");
            if (toolOnly && !"true".equals(text(dependency, "optional"))) {
                forced.add(id);
            }
        }
        assertEquals(List.of(), forced, "a user of the library would get these");
    }

    private static Element directChild(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("pom.xml has no <" + name + "> under <" + parent.getTagName() + ">");
    }

    private static String text(Element element, String tag) {
        NodeList found = element.getElementsByTagName(tag);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
    }
}
