package org.jracoon.setkey;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jracoon.parser.setkey.Policy;
import org.jracoon.parser.setkey.PolicyAction;
import org.jracoon.parser.setkey.ProtocolNames;
import org.jracoon.pfkey.message.AddressExtension;
import org.jracoon.pfkey.message.KeyExtension;
import org.jracoon.pfkey.message.LifetimeExtension;
import org.jracoon.pfkey.message.NatPortExtension;
import org.jracoon.pfkey.message.NatTypeExtension;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sa2Extension;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;

/**
 * Prints SAD and SPD entries in the text ipsec-tools' setkey prints for {@code -D} and
 * {@code -DP} (libipsec's pfkey_sadump and pfkey_spdump, ipsec_dump_policy): scripts that parse
 * that text keep working. Times are local, as ctime(3) gives them.
 */
final class KameDump {
    private static final String[] SA_TYPES = {"unspec", "unknown", "ah", "esp", "unknown", "rsvp", "ospfv2",
        "ripv2", "mip", "ipcomp", "policy", "tcp"};
    private static final String[] MODES = {"any", "transport", "tunnel"};
    private static final String[] STATES = {"larval", "mature", "dying", "dead"};
    private static final String[] DIRECTIONS = {"any", "in", "out", "fwd", "in(socket)", "out(socket)"};
    private static final String[] ACTIONS = {"discard", "none", "ipsec", "entrust", "bypass"};
    private static final String[] LEVELS = {"default", "use", "require", "unique"};
    private static final Map<Integer, String> AUTH_NAMES = Map.ofEntries(
            Map.entry(0, "none"), Map.entry(2, "hmac-md5"), Map.entry(3, "hmac-sha1"), Map.entry(249, "md5"),
            Map.entry(250, "sha"), Map.entry(251, "null"), Map.entry(5, "hmac-sha256"), Map.entry(6, "hmac-sha384"),
            Map.entry(7, "hmac-sha512"), Map.entry(8, "hmac-ripemd160"), Map.entry(9, "aes-xcbc-mac"));
    private static final Map<Integer, String> ENC_NAMES = Map.ofEntries(
            Map.entry(0, "none"), Map.entry(2, "des-cbc"), Map.entry(3, "3des-cbc"), Map.entry(11, "null"),
            Map.entry(6, "cast128-cbc"), Map.entry(7, "blowfish-cbc"), Map.entry(12, "aes-cbc"),
            Map.entry(253, "twofish-cbc"), Map.entry(13, "aes-ctr"), Map.entry(22, "camellia-cbc"));
    private static final Map<Integer, String> COMP_NAMES = Map.of(0, "none", 1, "oui", 2, "deflate", 3, "lzs");
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_GRE = 47;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int IPPROTO_MH = 135;
    private static final int IPSEC_MANUAL_REQID_MAX = 0x3fff;
    /**
     * KAME's kernel put an entry's reference count in {@code sadb_msg_reserved}; Linux leaves it 0
     * in dumps (read from the raw replies in the test kernel), so the codec does not keep it.
     */
    private static final int LINUX_REFCNT = 0;
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.US);

    private final ProtocolNames protocols;
    private final ZoneId zone;

    KameDump(ProtocolNames protocols, ZoneId zone) {
        this.protocols = protocols;
        this.zone = zone;
    }

    /**
     * Any message as {@code setkey -x} shows it: its type, then the SA or policy it carries in the
     * -D / -DP text.
     */
    String message(SadbMessage m, Instant now) {
        String head = m.type() + (m.errno() == 0 ? "" : " errno=" + m.errno()) + "\n";
        if (m.extension(SadbExtensionType.X_POLICY).isPresent()) {
            return head + policy(m);
        }
        if (m.extension(SadbExtensionType.SA).isPresent() && m.extension(SadbExtensionType.X_SA2).isPresent()) {
            return head + sa(m, now);
        }
        return head + m;
    }

    /** One SA as {@code setkey -D} prints it; {@code now} is the dump's "current" time. */
    String sa(SadbMessage m, Instant now) {
        StringBuilder out = new StringBuilder();
        Optional<AddressExtension> src = m.extension(SadbExtensionType.ADDRESS_SRC, AddressExtension.class);
        Optional<AddressExtension> dst = m.extension(SadbExtensionType.ADDRESS_DST, AddressExtension.class);
        Optional<SaExtension> sa = m.extension(SadbExtensionType.SA, SaExtension.class);
        Optional<Sa2Extension> sa2 = m.extension(SadbExtensionType.X_SA2, Sa2Extension.class);
        boolean natt = m.extension(SadbExtensionType.X_NAT_T_TYPE, NatTypeExtension.class)
                .map(t -> t.natType() != 0).orElse(false);
        if (src.isEmpty()) {
            return "no ADDRESS_SRC extension.\n";
        }
        out.append(host(src.get().address()));
        natPort(m, SadbExtensionType.X_NAT_T_SPORT, natt, out);
        out.append(' ');
        if (dst.isEmpty()) {
            return out.append(" no ADDRESS_DST extension.\n").toString();
        }
        out.append(host(dst.get().address()));
        natPort(m, SadbExtensionType.X_NAT_T_DPORT, natt, out);
        out.append(' ');
        if (sa.isEmpty()) {
            return out.append("no SA extension.\n").toString();
        }
        if (sa2.isEmpty()) {
            return out.append("no SA2 extension.\n").toString();
        }
        out.append("\n\t");
        if (natt && m.saType() == Sadb.SATYPE_ESP) {
            out.append("esp-udp ");
        } else {
            if (natt) {
                out.append("natt+");
            }
            out.append(name(SA_TYPES, m.saType())).append(' ');
        }
        long spi = Integer.toUnsignedLong(sa.get().spi());
        long reqid = Integer.toUnsignedLong(sa2.get().reqid());
        out.append("mode=").append(name(MODES, sa2.get().mode())).append(' ')
                .append(String.format("spi=%d(0x%08x) reqid=%d(0x%08x)%n", spi, spi, reqid, reqid));
        if (natt) {
            m.extension(SadbExtensionType.X_NAT_T_OA, AddressExtension.class)
                    .ifPresent(oa -> out.append("\tNAT OA=").append(host(oa.address())).append('\n'));
        }
        if (m.saType() == Sadb.SATYPE_IPCOMP) {
            out.append("\tC: ").append(COMP_NAMES.getOrDefault(sa.get().encrypt(), "" + sa.get().encrypt())).append(' ');
        } else if (m.saType() == Sadb.SATYPE_ESP) {
            m.extension(SadbExtensionType.KEY_ENCRYPT, KeyExtension.class).ifPresent(k -> out.append("\tE: ")
                    .append(ENC_NAMES.getOrDefault(sa.get().encrypt(), "" + sa.get().encrypt())).append(' ')
                    .append(hex(k)).append('\n'));
        }
        m.extension(SadbExtensionType.KEY_AUTH, KeyExtension.class).ifPresent(k -> out.append("\tA: ")
                .append(AUTH_NAMES.getOrDefault(sa.get().auth(), "" + sa.get().auth())).append(' ')
                .append(hex(k)).append('\n'));
        out.append(String.format("\tseq=0x%08x replay=%d flags=0x%08x state=%s%n", sa2.get().sequence(),
                sa.get().replay(), sa.get().flags(), name(STATES, sa.get().state())));
        Optional<LifetimeExtension> current = lifetime(m, SadbExtensionType.LIFETIME_CURRENT);
        if (current.isPresent()) {
            LifetimeExtension c = current.get();
            Optional<LifetimeExtension> hard = lifetime(m, SadbExtensionType.LIFETIME_HARD);
            Optional<LifetimeExtension> soft = lifetime(m, SadbExtensionType.LIFETIME_SOFT);
            long diff = c.addTime() == 0 ? 0 : now.getEpochSecond() - c.addTime();
            out.append("\tcreated: ").append(time(c.addTime())).append("\tcurrent: ")
                    .append(time(now.getEpochSecond())).append('\n');
            out.append(String.format("\tdiff: %d(s)\thard: %d(s)\tsoft: %d(s)%n", diff,
                    hard.map(LifetimeExtension::addTime).orElse(0L), soft.map(LifetimeExtension::addTime).orElse(0L)));
            out.append("\tlast: ").append(time(c.useTime()));
            out.append(String.format("\thard: %d(s)\tsoft: %d(s)%n",
                    hard.map(LifetimeExtension::useTime).orElse(0L), soft.map(LifetimeExtension::useTime).orElse(0L)));
            out.append(String.format("\tcurrent: %d(bytes)\thard: %d(bytes)\tsoft: %d(bytes)%n", c.bytes(),
                    hard.map(LifetimeExtension::bytes).orElse(0L), soft.map(LifetimeExtension::bytes).orElse(0L)));
            out.append(String.format("\tallocated: %d\thard: %d\tsoft: %d%n", c.allocations(),
                    hard.map(LifetimeExtension::allocations).orElse(0),
                    soft.map(LifetimeExtension::allocations).orElse(0)));
        }
        out.append(String.format("\tsadb_seq=%d pid=%d refcnt=%d%n", Integer.toUnsignedLong(m.sequence()),
                Integer.toUnsignedLong(m.pid()), LINUX_REFCNT));
        return out.toString();
    }

    /** One policy as {@code setkey -DP} prints it. */
    String policy(SadbMessage m) {
        StringBuilder out = new StringBuilder();
        Optional<AddressExtension> src = m.extension(SadbExtensionType.ADDRESS_SRC, AddressExtension.class);
        Optional<AddressExtension> dst = m.extension(SadbExtensionType.ADDRESS_DST, AddressExtension.class);
        Optional<PolicyExtension> xpl = m.extension(SadbExtensionType.X_POLICY, PolicyExtension.class);
        if (xpl.isEmpty()) {
            return "no X_POLICY extension.\n";
        }
        // Linux numbers socket policies with id % 8 >= 3 (the direction plus the socket flag)
        if (Integer.remainderUnsigned(xpl.get().id(), 8) >= 3) {
            out.append("(per-socket policy) ");
        } else if (src.isPresent() && dst.isPresent()) {
            int proto = src.get().protocol();
            out.append(host(src.get().address())).append(prefixPort(src.get(), proto)).append(' ');
            out.append(host(dst.get().address())).append(prefixPort(dst.get(), proto)).append(' ');
            if (proto != dst.get().protocol()) {
                return out.append("upper layer protocol mismatched.\n").toString();
            }
            out.append(upperSpec(proto, src.get().port(), dst.get().port()));
        } else {
            out.append("(no selector, probably per-socket policy) ");
        }
        out.append("\n\t").append(policyText(xpl.get())).append('\n');
        lifetime(m, SadbExtensionType.LIFETIME_CURRENT).ifPresent(c -> out.append("\tcreated: ")
                .append(time(c.addTime())).append("  lastused: ").append(time(c.useTime())).append('\n'));
        lifetime(m, SadbExtensionType.LIFETIME_HARD).ifPresent(h ->
                out.append(String.format("\tlifetime: %d(s) validtime: %d(s)%n", h.addTime(), h.useTime())));
        out.append(String.format("\tspid=%d seq=%d pid=%d%n", Integer.toUnsignedLong(xpl.get().id()),
                Integer.toUnsignedLong(m.sequence()), Integer.toUnsignedLong(m.pid())));
        out.append(String.format("\trefcnt=%d%n", LINUX_REFCNT));
        return out.toString();
    }

    /** ipsec_dump_policy(3) with "\n\t" between the parts: direction, priority, action, requests. */
    private static String policyText(PolicyExtension p) {
        StringBuilder out = new StringBuilder(name(DIRECTIONS, p.direction()));
        long priority = Integer.toUnsignedLong(p.priority());
        if (priority != 0) {
            long base;
            String label;
            if (priority < Policy.PRIORITY_DEFAULT / 4 * 3) {
                base = Policy.PRIORITY_HIGH;
                label = "prio high";
            } else if (priority < Policy.PRIORITY_DEFAULT / 4 * 5) {
                base = Policy.PRIORITY_DEFAULT;
                label = "prio def";
            } else {
                base = Policy.PRIORITY_LOW;
                label = "prio low";
            }
            // written as it is typed: a smaller number is a higher priority, so "+"
            long offset = base - priority;
            out.append(' ').append(label);
            if (offset != 0) {
                out.append(offset > 0 ? " + " : " - ").append(Math.abs(offset));
            }
        }
        out.append(' ').append(name(ACTIONS, p.policyType()));
        if (p.policyType() != PolicyAction.IPSEC.value()) {
            return out.toString();
        }
        for (PolicyExtension.IpsecRequest r : p.requests()) {
            String proto = switch (r.protocol()) {
                case 50 -> "esp";
                case 51 -> "ah";
                case 108 -> "ipcomp";
                default -> "" + r.protocol();
            };
            String ends = r.source() == null ? "" : host(r.source()) + "-" + host(r.destination());
            out.append("\n\t").append(proto).append('/').append(name(MODES, r.mode())).append('/').append(ends)
                    .append('/').append(name(LEVELS, r.level()));
            long reqid = Integer.toUnsignedLong(r.reqid());
            if (reqid != 0) {
                out.append(reqid > IPSEC_MANUAL_REQID_MAX ? '#' : ':').append(reqid);
            }
        }
        return out.toString();
    }

    private static String prefixPort(AddressExtension a, int proto) {
        String prefix = a.prefixLength() == a.address().getAddress().length * 8 ? "" : "/" + a.prefixLength();
        if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 || proto == IPPROTO_MH || proto == IPPROTO_GRE) {
            return prefix;
        }
        return prefix + (a.port() == 0 ? "[any]" : "[" + a.port() + "]");
    }

    private String upperSpec(int proto, int sport, int dport) {
        String out = protocols.name(proto).orElse(Integer.toString(proto));
        if (sport == 0 && dport == 0) {
            return out;
        }
        if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 || proto == IPPROTO_MH) {
            return out + " " + sport + "," + dport;
        }
        if (proto == IPPROTO_GRE) {
            return out + " " + (((long) sport << 16) + dport);
        }
        return out;
    }

    private static void natPort(SadbMessage m, SadbExtensionType type, boolean natt, StringBuilder out) {
        if (natt) {
            m.extension(type, NatPortExtension.class).ifPresent(p -> out.append('[').append(p.port()).append(']'));
        }
    }

    private static Optional<LifetimeExtension> lifetime(SadbMessage m, SadbExtensionType type) {
        return m.extension(type, LifetimeExtension.class);
    }

    /** ipsec_hexdump: a space before every 4 bytes, a new line after every 32. */
    private static String hex(KeyExtension k) {
        byte[] key = k.key();
        int length = k.bits() / 8;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i != 0 && i % 32 == 0) {
                out.append('\n');
            }
            if (i % 4 == 0) {
                out.append(' ');
            }
            out.append(String.format("%02x", key[i] & 0xff));
        }
        return out.toString();
    }

    /** ctime(3) without the weekday: 20 characters, blanks for 0. */
    private String time(long epochSeconds) {
        if (epochSeconds == 0) {
            return " ".repeat(20);
        }
        return CTIME.format(Instant.ofEpochSecond(epochSeconds).atZone(zone));
    }

    private static String host(InetAddress address) {
        String text = address.getHostAddress();
        // Java writes IPv6 in full (fec0:0:0:0:0:0:0:10); getnameinfo compresses it (fec0::10)
        return address instanceof Inet4Address ? text : Ipv6Text.compress(address);
    }

    private static String name(String[] table, int value) {
        return value >= 0 && value < table.length ? table[value] : Integer.toString(value);
    }
}
