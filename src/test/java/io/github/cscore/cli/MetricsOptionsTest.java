package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cscore.export.CScoreExporter;
import io.github.cscore.testing.Service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;

import picocli.CommandLine;

/** {@code --metrics-host}: loopback by default, every interface with 0.0.0.0. */
class MetricsOptionsTest {

    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        MetricsOptions metrics = new MetricsOptions();
    }

    private static MetricsOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.metrics;
    }

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    private static Optional<InetAddress> outsideAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void byDefaultOnlyThisMachineReachesMetricsAndWithAllInterfacesAnotherOneCan() throws Exception {
        Optional<InetAddress> outside = outsideAddress();
        assumeTrue(outside.isPresent(), "this machine has no network interface but loopback");
        int port = Service.freePort();

        try (CScoreExporter loopback = parse("--metrics-port", Integer.toString(port)).exporter()
                .optGracePeriod(java.time.Duration.ofMillis(1)).build()) {
            loopback.start("r1", "m");
            assertTrue(connects(InetAddress.getLoopbackAddress(), port));
            assertEquals(false, connects(outside.get(), port), "the default must not serve on " + outside.get());
        }
        MetricsOptions all = parse("--metrics-port", Integer.toString(port), "--metrics-host", "0.0.0.0");
        try (CScoreExporter everywhere = all.exporter().optGracePeriod(java.time.Duration.ofMillis(1)).build()) {
            everywhere.start("r1", "m");
            assertTrue(connects(outside.get(), port), "0.0.0.0 serves on " + outside.get());
            assertEquals("http://0.0.0.0:" + port + "/metrics", all.url(port));
        }
    }

    @Test
    void aHostThatIsNoAddressIsRefusedNamingTheOption() {
        MetricsOptions options = parse("--metrics-host", "no-such-host.invalid");

        var e = assertThrows(IllegalArgumentException.class, options::checkFree);

        assertTrue(e.getMessage().startsWith("--metrics-host no-such-host.invalid is no address of this machine"),
                e.getMessage());
    }
}
