package org.jracoon.testbeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One network of the IPsec guide, read from {@code scenarios/NAME/scenario.ini}: the hosts
 * (network namespaces), the veth links between them, the traffic the guide protects and what
 * the kernel must hold afterwards. A host's files (its setkey script, racoon.conf, psk.txt, a
 * certificate folder, the swanctl.conf charon uses in its place) live beside scenario.ini.
 *
 * @param keys     who installs the SAs: "setkey" for the guide's static keys, "racoon" when the
 *                 hosts' daemons negotiate them
 * @param status   why the scenario cannot pass yet (e.g. "needs NAT-T"); empty when it can.
 *                 {@code testbeds/run all} skips such a scenario and says why
 * @param wire     the IPsec protocols the capture on the untrusted links must show ("esp", "ah", and
 *                 "esp-in-udp" for ESP behind a NAT, RFC 3948)
 * @param expected per host, the SAs and policies its kernel must hold, exactly
 */
public record Scenario(String name, Path dir, String guide, String keys, String status, List<Host> hosts,
                       List<Link> links, List<Ping> pings, Set<String> wire, Map<String, Expectation> expected) {

    /**
     * A network namespace.
     *
     * @param routes  {@code ip route add} arguments, one per route
     * @param setkey  the script to run in the namespace with {@code setkey} on PATH and its
     *                arguments, e.g. [setkey.sh, -r]; empty when the host keys nothing
     * @param racoon  the racoon.conf our daemon runs with on this host; empty for none
     * @param swanctl the swanctl.conf with which Debian's charon takes this host's place under
     *                {@code --peer strongswan}, or a folder laid out as charon's swanctl folder
     *                (swanctl.conf, x509/, x509ca/, private/) when charon needs certificates;
     *                empty when the host keeps our daemon
     * @param masquerade the device behind which this host hides the others' addresses (a NAT
     *                router: iptables MASQUERADE on it); empty for none
     */
    public record Host(String name, boolean forward, List<String> routes, List<String> setkey, String racoon,
                       String swanctl, String masquerade) {
        /** Whether charon runs here, instead of our daemon and of the setkey script, for {@code peer}. */
        public boolean charon(Peer peer) {
            return peer == Peer.STRONGSWAN && !swanctl.isEmpty();
        }
    }

    /** One end of a link: the device in its host's namespace and its address with prefix. */
    public record End(String host, String device, String cidr) {
        String address() {
            return cidr.substring(0, cidr.indexOf('/'));
        }
    }

    /** A veth pair; the untrusted ones are captured while the traffic runs. */
    public record Link(String name, End a, End b, boolean untrusted) {
    }

    /** A ping from a host to an address, which must pass and be protected. */
    public record Ping(String from, String to) {
    }

    /**
     * The kernel's SAs and policies on one host, one line each in {@link Xfrm}'s form; a word
     * {@code *} matches any one word (an SPI a daemon chose).
     */
    public record Expectation(List<String> states, List<String> policies, List<String> charonPolicies) {
        /** The policies expected when charon runs the host (it installs its own), else setkey's. */
        public List<String> policies(boolean charon) {
            return charon && !charonPolicies.isEmpty() ? charonPolicies : policies;
        }
    }

    /** Who runs the far end of a daemon scenario: our daemon, or Debian's strongSwan. */
    public enum Peer {
        OURS("jracoon"), STRONGSWAN("strongswan");

        private final String label;

        Peer(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final String FILE = "scenario.ini";
    private static final Set<String> PROTOCOLS = Set.of("esp", "ah", "esp-in-udp");
    private static final Set<String> KEYS = Set.of("setkey", "racoon");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,14}");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
    private static final Pattern END = Pattern.compile("([^:=\\s]+):([^:=\\s]+)=(\\S+)");

    /** Reads and checks {@code dir/scenario.ini}; the scenario is named after its directory. */
    public static Scenario load(Path dir) throws ScenarioException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(dir + ": no " + FILE + " (not a scenario)");
        }
        IniFile ini = IniFile.read(file);
        String name = dir.getFileName().toString();
        String guide = "";
        String keys = "";
        String status = "";
        Map<String, Host> hosts = new LinkedHashMap<>();
        List<Link> links = new ArrayList<>();
        List<Ping> pings = new ArrayList<>();
        Set<String> wire = Set.of();
        Map<String, Expectation> expected = new LinkedHashMap<>();
        boolean sawTraffic = false;
        for (IniFile.Section s : ini.sections()) {
            switch (s.kind()) {
                case "scenario" -> {
                    allowOnly(s, "guide", "keys", "status");
                    guide = s.one("guide").orElse("");
                    status = s.one("status").orElse("");
                    keys = s.one("keys").orElseThrow(() -> missing(s, "keys"));
                    if (!KEYS.contains(keys)) {
                        throw new ScenarioException(where(s, "keys") + ": keys = " + keys
                                + ": expected setkey (static keys) or racoon (negotiated)");
                    }
                }
                case "host" -> {
                    allowOnly(s, "forward", "route", "setkey", "racoon", "swanctl", "masquerade");
                    Host host = host(dir, s);
                    if (hosts.put(host.name(), host) != null) {
                        throw new ScenarioException(where(s) + ": host " + host.name() + " given twice");
                    }
                }
                case "link" -> {
                    allowOnly(s, "ends", "untrusted");
                    links.add(link(s));
                }
                case "traffic" -> {
                    allowOnly(s, "ping", "wire");
                    sawTraffic = true;
                    for (String ping : s.all("ping")) {
                        String[] words = ping.split("\\s+");
                        if (words.length != 2) {
                            throw new ScenarioException(where(s, "ping") + ": ping = " + ping + ": expected 'HOST ADDRESS'");
                        }
                        pings.add(new Ping(words[0], words[1]));
                    }
                    wire = Set.copyOf(Arrays.asList(s.one("wire").orElse("").split("\\s+")));
                    for (String protocol : wire) {
                        if (!PROTOCOLS.contains(protocol)) {
                            throw new ScenarioException(where(s, "wire") + ": wire = '" + protocol
                                    + "': expected esp, ah or esp-in-udp");
                        }
                    }
                }
                case "expect" -> {
                    allowOnly(s, "state", "policy", "charon-policy");
                    expected.put(named(s), new Expectation(s.all("state"), s.all("policy"), s.all("charon-policy")));
                }
                default -> throw new ScenarioException(where(s) + ": unknown section " + s.title());
            }
        }
        if (!sawTraffic || pings.isEmpty()) {
            throw new ScenarioException(file + ": no [traffic] with a ping");
        }
        Scenario scenario = new Scenario(name, dir, guide, keys, status, List.copyOf(hosts.values()), List.copyOf(links),
                List.copyOf(pings), wire, Map.copyOf(expected));
        scenario.checkReferences(file, hosts.keySet());
        boolean daemons = hosts.values().stream().anyMatch(h -> !h.racoon().isEmpty());
        if (daemons != keys.equals("racoon")) {
            throw new ScenarioException(file + ": keys = " + keys + (daemons ? " but a host runs racoon"
                    : " but no host says 'racoon = racoon.conf'"));
        }
        return scenario;
    }

    /** Links, pings and expectations may only name hosts the scenario declares. */
    private void checkReferences(Path file, Set<String> hostNames) throws ScenarioException {
        List<String> named = new ArrayList<>();
        for (Link link : links) {
            named.add(link.a().host());
            named.add(link.b().host());
        }
        pings.forEach(p -> named.add(p.from()));
        named.addAll(expected.keySet());
        for (String host : named) {
            if (!hostNames.contains(host)) {
                throw new ScenarioException(file + ": host '" + host + "' is used but has no [host " + host + "]");
            }
        }
        if (links.stream().noneMatch(Link::untrusted)) {
            throw new ScenarioException(file + ": no link says 'untrusted = yes' (where the capture runs)");
        }
    }

    /** Whether {@code --peer strongswan} has a host to give charon. */
    public boolean hasStrongSwanPeer() {
        return hosts.stream().anyMatch(h -> !h.swanctl().isEmpty());
    }

    /** The hosts whose kernels hold expected SAs: the ones whose counters must grow. */
    public List<String> protectingHosts() {
        return hosts.stream().map(Host::name).filter(expected::containsKey).toList();
    }

    private static Host host(Path dir, IniFile.Section s) throws ScenarioException {
        String name = named(s);
        List<String> setkey = s.one("setkey").map(v -> List.of(v.split("\\s+"))).orElse(List.of());
        if (!setkey.isEmpty()) {
            file(dir, s, "setkey", setkey.get(0));
        }
        String racoon = s.one("racoon").orElse("");
        String swanctl = s.one("swanctl").orElse("");
        file(dir, s, "racoon", racoon);
        if (!swanctl.isEmpty() && Files.isDirectory(dir.resolve(swanctl))) {
            file(dir, s, "swanctl", swanctl + "/swanctl.conf");
        } else {
            file(dir, s, "swanctl", swanctl);
        }
        if (!swanctl.isEmpty() && racoon.isEmpty()) {
            throw new ScenarioException(where(s, "swanctl") + ": swanctl = " + swanctl
                    + ": charon takes the place of a daemon, but this host runs none (no 'racoon = ...')");
        }
        return new Host(name, yes(s, "forward"), s.all("route"), setkey, racoon, swanctl,
                s.one("masquerade").orElse(""));
    }

    /** A host's file {@code value} of {@code key}, which must be in the scenario folder (empty: none). */
    private static void file(Path dir, IniFile.Section s, String key, String value) throws ScenarioException {
        if (!value.isEmpty() && !Files.isRegularFile(dir.resolve(value))) {
            throw new ScenarioException(where(s, key) + ": " + key + " = " + value + ": no such file in " + dir);
        }
    }

    private static Link link(IniFile.Section s) throws ScenarioException {
        String ends = s.one("ends").orElseThrow(() -> missing(s, "ends"));
        String[] words = ends.split("\\s+");
        if (words.length != 2) {
            throw new ScenarioException(where(s, "ends") + ": ends = " + ends + ": expected two HOST:DEVICE=ADDRESS/PREFIX");
        }
        return new Link(named(s), end(s, words[0]), end(s, words[1]), yes(s, "untrusted"));
    }

    private static End end(IniFile.Section s, String word) throws ScenarioException {
        var m = END.matcher(word);
        if (!m.matches() || !CIDR.matcher(m.group(3)).matches()) {
            throw new ScenarioException(where(s, "ends") + ": '" + word + "': expected HOST:DEVICE=ADDRESS/PREFIX");
        }
        // Linux device names have at most 15 characters
        if (m.group(2).length() > 15) {
            throw new ScenarioException(where(s, "ends") + ": device name '" + m.group(2) + "' is longer than 15 characters");
        }
        return new End(m.group(1), m.group(2), m.group(3));
    }

    private static String named(IniFile.Section s) throws ScenarioException {
        if (!NAME.matcher(s.name()).matches()) {
            throw new ScenarioException(where(s) + ": " + s.title()
                    + " needs a name of lower-case letters, digits and '-', at most 15 long");
        }
        return s.name();
    }

    private static boolean yes(IniFile.Section s, String key) throws ScenarioException {
        String value = s.one(key).orElse("no");
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new ScenarioException(where(s, key) + ": " + key + " = " + value + ": expected yes or no");
        };
    }

    private static void allowOnly(IniFile.Section s, String... keys) throws ScenarioException {
        List<String> allowed = List.of(keys);
        for (IniFile.Entry e : s.entries()) {
            if (!allowed.contains(e.key())) {
                throw new ScenarioException(e.where() + ": unknown key '" + e.key() + "' in " + s.title()
                        + " (known: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static ScenarioException missing(IniFile.Section s, String key) {
        return new ScenarioException(where(s) + ": " + s.title() + " needs '" + key + " = ...'");
    }

    private static String where(IniFile.Section s) {
        return s.source() + ":" + s.line();
    }

    /** Where {@code key} is given in the section (its first line), else the section header. */
    private static String where(IniFile.Section s, String key) {
        return s.entries().stream().filter(e -> e.key().equals(key)).findFirst().map(IniFile.Entry::where)
                .orElse(where(s));
    }
}
