package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

class EngineRemedyTest {

    @Test
    void oneDnnPrefixedVariableWinsAsInOneDnn() {
        Map<String, String> environment = Map.of("ONEDNN_MAX_CPU_ISA", "ALL", "DNNL_MAX_CPU_ISA", "SSE41");

        assertEquals(Optional.of("ALL"), EngineRemedy.isaCap(environment));
    }

    @Test
    void legacyVariableIsReadWhenAlone() {
        assertEquals(Optional.of("SSE41"), EngineRemedy.isaCap(Map.of("DNNL_MAX_CPU_ISA", "SSE41")));
    }

    @Test
    void emptyValueIsNoCap() {
        // oneDNN ignores an empty value, so an empty variable must not stop the restart.
        assertEquals(Optional.empty(), EngineRemedy.isaCap(Map.of("ONEDNN_MAX_CPU_ISA", "", "PATH", "/bin")));
    }

    @Test
    void relaunchRunsTheSameMainWithTheSameArgumentsUnderTheSafeCap() {
        ProcessBuilder builder = EngineRemedy.relaunchCommand(EngineRemedyTest.class, new String[] {"demo", "--seed", "3"});

        List<String> command = builder.command();
        assertTrue(command.get(0).endsWith("/bin/java"), command.get(0));
        int classPath = command.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), command.get(classPath + 1));
        assertEquals(List.of(EngineRemedyTest.class.getName(), "demo", "--seed", "3"),
                command.subList(classPath + 2, command.size()));
        assertTrue(command.contains("-Dai.djl.offline=true"), "JVM options are passed on: " + command);
        assertEquals("SSE41", builder.environment().get(EngineRemedy.VARIABLE));
    }
}
