package org.jracoon.testbeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading scenario.ini: the shipped scenarios, and one clear line for each kind of mistake. */
class ScenarioTest {
    static final Path SCENARIOS = Path.of(System.getProperty("jracoon.root"), "testbeds", "scenarios");

    private static final String MINIMAL = """
            [scenario]
            keys = setkey
            [host astro]
            setkey = setkey.sh
            [host elroy]
            setkey = setkey.sh -r
            [link lan]
            ends = astro:veth-astro=192.168.1.11/24 elroy:veth-elroy=192.168.1.12/24
            untrusted = yes
            [traffic]
            ping = astro 192.168.1.12
            wire = esp
            """;

    @TempDir
    Path tmp;

    @Test
    void cogswellIsFourHostsOnThreeLinksWithTheInternetUntrusted() throws Exception {
        Scenario s = Scenario.load(SCENARIOS.resolve("cogswell-net-to-net"));
        assertEquals("cogswell-net-to-net", s.name());
        assertEquals("Cogswell's Campaign", s.guide());
        assertEquals(List.of("cogswell", "gwhq", "gwwh", "inventory"),
                s.hosts().stream().map(Scenario.Host::name).toList());
        Scenario.Host gwhq = s.hosts().get(1);
        assertEquals(new Scenario.Host("gwhq", true, List.of("172.16.20.0/24 via 10.20.20.20"), List.of("setkey.sh"),
                "", "", ""), gwhq);
        assertEquals(List.of("internet"),
                s.links().stream().filter(Scenario.Link::untrusted).map(Scenario.Link::name).toList());
        assertEquals(new Scenario.End("gwhq", "veth-hq-inet", "10.10.10.10/8"), s.links().get(1).a());
        assertEquals("10.10.10.10", s.links().get(1).a().address());
        assertEquals(List.of(new Scenario.Ping("cogswell", "172.16.20.100")), s.pings());
        assertEquals(Set.of("esp"), s.wire());
        assertEquals(List.of("gwhq", "gwwh"), s.protectingHosts());
        assertEquals(2, s.expected().get("gwwh").states().size());
        assertEquals(3, s.expected().get("gwwh").policies().size());
    }

    @Test
    void everyShippedScenarioLoads() throws Exception {
        for (String name : List.of("astro-elroy-transport", "astro-elroy-tunnel", "cogswell-net-to-net",
                "george-from-home")) {
            Scenario s = Scenario.load(SCENARIOS.resolve(name));
            assertEquals("setkey", s.keys(), name);
            assertEquals(2, s.protectingHosts().size(), name);
        }
        Scenario psk = Scenario.load(SCENARIOS.resolve("george-psk"));
        assertEquals("racoon", psk.keys());
        assertEquals("", psk.status());
        assertTrue(psk.hasStrongSwanPeer());
        Scenario.Host elroy = psk.hosts().get(1);
        assertTrue(elroy.charon(Scenario.Peer.STRONGSWAN));
        assertFalse(elroy.charon(Scenario.Peer.OURS));
        assertEquals(2, psk.expected().get("elroy").policies(true).size());
        assertEquals(3, psk.expected().get("elroy").policies(false).size());
        Scenario kays = Scenario.load(SCENARIOS.resolve("kays-koffee"));
        assertEquals("", kays.status());
        assertEquals(Set.of("esp-in-udp"), kays.wire());
        assertEquals("swanctl-astro", kays.hosts().get(0).swanctl());
        assertTrue(kays.hosts().get(0).charon(Scenario.Peer.STRONGSWAN));
        assertEquals("veth-kay-inet", kays.hosts().get(1).masquerade());
        assertEquals(List.of("astro", "gwhq"), kays.protectingHosts());
        Scenario transport = Scenario.load(SCENARIOS.resolve("astro-elroy-transport"));
        assertEquals(Set.of("esp", "ah"), transport.wire());
        assertEquals(4, transport.expected().get("elroy").states().size());
    }

    @Test
    void minimalScenarioLoads() throws Exception {
        Scenario s = Scenario.load(write(MINIMAL));
        assertEquals(List.of("setkey.sh", "-r"), s.hosts().get(1).setkey());
        assertTrue(s.expected().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "wire = esp|wire = gre|scenario.ini:12: wire = 'gre': expected esp, ah or esp-in-udp",
        "untrusted = yes|untrusted = maybe|scenario.ini:9: untrusted = maybe: expected yes or no",
        "setkey = setkey.sh -r|setkey = other.sh -r|scenario.ini:6: setkey = other.sh: no such file in ",
        "ping = astro 192.168.1.12|ping = astro|scenario.ini:11: ping = astro: expected 'HOST ADDRESS'",
        "ping = astro 192.168.1.12|ping = george 192.168.1.12|host 'george' is used but has no [host george]",
        "untrusted = yes|mtu = 1400|scenario.ini:9: unknown key 'mtu' in [link lan] (known: ends, untrusted)",
        "keys = setkey|keys = ike|scenario.ini:2: keys = ike: expected setkey (static keys) or racoon (negotiated)",
        "keys = setkey|keys = racoon|keys = racoon but no host says 'racoon = racoon.conf'",
        "setkey = setkey.sh -r|setkey = setkey.sh -r\\nracoon = racoon.conf|scenario.ini:7: racoon = racoon.conf: no such file",
        "setkey = setkey.sh -r|setkey = setkey.sh -r\\nswanctl = setkey.sh|charon takes the place of a daemon, but this host runs none",
        "[traffic]|[trafic]|scenario.ini:10: unknown section [trafic]",
        "untrusted = yes|untrusted = no|no link says 'untrusted = yes' (where the capture runs)",
        "elroy:veth-elroy=192.168.1.12/24|elroy:veth-elroy=192.168.1.12|"
                + "'elroy:veth-elroy=192.168.1.12': expected HOST:DEVICE=ADDRESS/PREFIX",
        "astro:veth-astro=|astro:veth-astro-too-long=|device name 'veth-astro-too-long' is longer than 15",
        "[host elroy]|[host Elroy]|[host Elroy] needs a name of lower-case letters",
        "wire = esp|wire = esp\\nwire = ah|scenario.ini:13: 'wire' given twice in [traffic]",
        "[scenario]|keys = setkey\\n[scenario]|scenario.ini:1: 'keys = setkey' before any [section]",
        "[link lan]|[link lan|scenario.ini:7: section header without ']': [link lan",
    })
    void mistakeIsOneLineNamingFileAndLine(String from, String to, String message) throws Exception {
        String text = MINIMAL.replace(from, to.replace("\\n", "\n"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.load(write(text)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void folderWithoutScenarioIniIsNamed() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.load(tmp));
        assertEquals(tmp + ": no scenario.ini (not a scenario)", e.getMessage());
    }

    private Path write(String text) throws IOException {
        Files.writeString(tmp.resolve("setkey.sh"), "#!/bin/sh\n");
        Files.writeString(tmp.resolve(Scenario.FILE), text);
        return tmp;
    }
}
