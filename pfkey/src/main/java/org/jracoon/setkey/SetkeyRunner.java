package org.jracoon.setkey;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jracoon.parser.setkey.AddressRange;
import org.jracoon.parser.setkey.AuthenticationAlgorithm;
import org.jracoon.parser.setkey.Directive;
import org.jracoon.parser.setkey.EncryptionAlgorithm;
import org.jracoon.parser.setkey.Endpoint;
import org.jracoon.parser.setkey.Policy;
import org.jracoon.parser.setkey.SaAlgorithms;
import org.jracoon.parser.setkey.SaProtocol;
import org.jracoon.parser.setkey.Selector;
import org.jracoon.pfkey.Errno;
import org.jracoon.pfkey.PfKeyException;
import org.jracoon.pfkey.message.AddressExtension;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sadb;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.jracoon.pfkey.message.SupportedExtension;

/**
 * Carries out setkey directives against the kernel, one at a time as they are read. Key lengths
 * are checked against the algorithms the kernel offers (its REGISTER answer) before an SA is
 * sent, as setkey does. A refusal is printed as {@code line N: entry: reason} and the script goes
 * on, as setkey's does; {@link #failures()} counts them for the exit status.
 */
final class SetkeyRunner {
    private final KernelChannel kernel;
    private final KameDump dump;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final boolean all;
    private List<SupportedExtension.Algorithm> supportedAuth;
    private List<SupportedExtension.Algorithm> supportedEncrypt;
    private int failures;

    SetkeyRunner(KernelChannel kernel, KameDump dump, PrintStream out, PrintStream err, Clock clock, boolean all) {
        this.kernel = kernel;
        this.dump = dump;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.all = all;
    }

    int failures() {
        return failures;
    }

    /** Carries out one directive; a refusal is reported and counted, a lost kernel is thrown. */
    void run(Directive d) throws IOException, SetkeyException {
        if (d instanceof Directive.Add add) {
            checkKeys(add);
            request(d, describe(add), SadbRequests.add(add));
        } else if (d instanceof Directive.Get get) {
            request(d, describe("get", get.source(), get.destination(), get.protocol(), get.spi()),
                    SadbRequests.byId(SadbMessageType.GET, get.protocol(), get.source(), get.destination(), get.spi()))
                    .ifPresent(m -> out.print(dump.sa(m, clock.instant())));
        } else if (d instanceof Directive.Delete del) {
            request(d, describe("delete", del.source(), del.destination(), del.protocol(), del.spi()),
                    SadbRequests.byId(SadbMessageType.DELETE, del.protocol(), del.source(), del.destination(),
                            del.spi()));
        } else if (d instanceof Directive.DeleteAll all) {
            deleteAll(all);
        } else if (d instanceof Directive.Flush f) {
            request(d, "flush", SadbRequests.bare(SadbMessageType.FLUSH, satype(f.protocol())));
        } else if (d instanceof Directive.Dump dd) {
            dumpSad(satype(dd.protocol()));
        } else if (d instanceof Directive.SpdAdd a) {
            policy(d, SadbMessageType.X_SPDADD, "spdadd", a.selector(), a.policy());
        } else if (d instanceof Directive.SpdUpdate u) {
            policy(d, SadbMessageType.X_SPDUPDATE, "spdupdate", u.selector(), u.policy());
        } else if (d instanceof Directive.SpdDelete del) {
            policy(d, SadbMessageType.X_SPDDELETE, "spddelete", del.selector(), del.policy());
        } else if (d instanceof Directive.SpdFlush) {
            request(d, "spdflush", SadbRequests.bare(SadbMessageType.X_SPDFLUSH, Sadb.SATYPE_UNSPEC));
        } else {
            dumpSpd();
        }
    }

    /** {@code setkey -D}: every SA, dead ones only with {@code -a}. */
    void dumpSad(int satype) throws IOException {
        List<SadbMessage> entries = kernel.dump(SadbRequests.bare(SadbMessageType.DUMP, satype));
        if (entries.isEmpty()) {
            out.println("No SAD entries.");
        }
        for (SadbMessage m : entries) {
            boolean dead = m.extension(SadbExtensionType.SA, SaExtension.class)
                    .map(sa -> sa.state() == Sadb.SASTATE_DEAD).orElse(false);
            if (all || !dead) {
                out.print(dump.sa(m, clock.instant()));
            }
        }
    }

    /** {@code setkey -DP}: every policy. */
    void dumpSpd() throws IOException {
        List<SadbMessage> entries = kernel.dump(SadbRequests.bare(SadbMessageType.X_SPDDUMP, Sadb.SATYPE_UNSPEC));
        if (entries.isEmpty()) {
            out.println("No SPD entries.");
        }
        entries.forEach(m -> out.print(dump.policy(m)));
    }

    /** {@code setkey -F} / {@code -FP}. */
    void flush(boolean policies) throws IOException, SetkeyException {
        SadbMessage request = policies ? SadbRequests.bare(SadbMessageType.X_SPDFLUSH, Sadb.SATYPE_UNSPEC)
                : SadbRequests.bare(SadbMessageType.FLUSH, Sadb.SATYPE_UNSPEC);
        try {
            kernel.call(request);
        } catch (PfKeyException e) {
            throw new SetkeyException((policies ? "spdflush: " : "flush: ") + e.reason());
        }
    }

    private void deleteAll(Directive.DeleteAll d) throws IOException {
        // Linux deletes only by SPI (RFC 2367 strictly): find them with a dump, as setkey does
        List<Long> spis = new ArrayList<>();
        for (SadbMessage m : kernel.dump(SadbRequests.bare(SadbMessageType.DUMP, d.protocol().satype()))) {
            if (m.saType() != d.protocol().satype()) {
                continue;
            }
            if (address(m, SadbExtensionType.ADDRESS_SRC).equals(Optional.of(d.source()))
                    && address(m, SadbExtensionType.ADDRESS_DST).equals(Optional.of(d.destination()))) {
                m.extension(SadbExtensionType.SA, SaExtension.class)
                        .ifPresent(sa -> spis.add(Integer.toUnsignedLong(sa.spi())));
            }
        }
        for (long spi : spis) {
            request(d, describe("delete", new Endpoint(d.source(), 0), new Endpoint(d.destination(), 0),
                    d.protocol(), spi), SadbRequests.delete(d, spi));
        }
    }

    private static Optional<InetAddress> address(SadbMessage m, SadbExtensionType type) {
        return m.extension(type, AddressExtension.class).map(AddressExtension::address);
    }

    private void policy(Directive d, SadbMessageType type, String verb, Selector selector,
                        Policy policy) throws IOException {
        List<SadbMessage> messages = SadbRequests.policy(type, selector, policy);
        for (SadbMessage m : messages) {
            int dir = m.extension(SadbExtensionType.X_POLICY, PolicyExtension.class)
                    .orElseThrow().direction();
            String direction = dir == Sadb.DIR_FWD ? "fwd" : policy.direction().keyword();
            request(d, verb + " " + range(selector.source(), selector.sourcePort()) + " "
                    + range(selector.destination(), selector.destinationPort()) + " -P " + direction, m);
        }
    }

    /** Sends one request; a refusal is reported with the entry and counted, an unanswered one thrown. */
    private Optional<SadbMessage> request(Directive d, String entry, SadbMessage message) throws IOException {
        try {
            return Optional.of(kernel.call(message));
        } catch (PfKeyException e) {
            if (e.errno() == 0) {
                throw e;
            }
            failures++;
            boolean noEntry = e.errno() == Errno.ENOENT && (message.type() == SadbMessageType.DELETE
                    || message.type() == SadbMessageType.GET || message.type() == SadbMessageType.X_SPDDELETE);
            err.println("line " + d.line() + ": " + entry + ": " + (noEntry ? "No entry" : e.reason()));
            return Optional.empty();
        }
    }

    /** ipsec_check_keylen: the algorithm must be one the kernel offers, the key within its bounds. */
    private void checkKeys(Directive.Add add) throws IOException, SetkeyException {
        SaAlgorithms a = add.algorithms();
        if (a.encryption().isPresent()) {
            SaAlgorithms.Keyed<EncryptionAlgorithm> e = a.encryption().get();
            checkKey(add, supported(true), e.algorithm().sadbId(), e.key().bits(), e.algorithm().keyword());
        }
        if (a.authentication().isPresent() && a.authentication().get().algorithm().keyed()) {
            SaAlgorithms.Keyed<AuthenticationAlgorithm> k = a.authentication().get();
            checkKey(add, supported(false), k.algorithm().sadbId(), k.key().bits(), k.algorithm().keyword());
        }
    }

    private static void checkKey(Directive d, List<SupportedExtension.Algorithm> offered, int id, int bits,
                                 String name) throws SetkeyException {
        SupportedExtension.Algorithm alg = offered.stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new SetkeyException("line " + d.line() + ": Not supported at [" + name + "]"));
        if (bits < alg.minBits() || bits > alg.maxBits()) {
            throw new SetkeyException("line " + d.line() + ": Invalid key length at [" + name + "] ("
                    + bits + " bits; the kernel takes " + alg.minBits() + " to " + alg.maxBits() + ")");
        }
    }

    private List<SupportedExtension.Algorithm> supported(boolean encrypt) throws IOException {
        if (supportedAuth == null) {
            SadbMessage reply = kernel.call(SadbRequests.bare(SadbMessageType.REGISTER, Sadb.SATYPE_UNSPEC));
            supportedAuth = algorithms(reply, SadbExtensionType.SUPPORTED_AUTH);
            supportedEncrypt = algorithms(reply, SadbExtensionType.SUPPORTED_ENCRYPT);
        }
        return encrypt ? supportedEncrypt : supportedAuth;
    }

    private static List<SupportedExtension.Algorithm> algorithms(SadbMessage m, SadbExtensionType type) {
        return m.extension(type, SupportedExtension.class).map(SupportedExtension::algorithms).orElse(List.of());
    }

    private static int satype(Optional<SaProtocol> protocol) {
        return protocol.map(SaProtocol::satype).orElse(Sadb.SATYPE_UNSPEC);
    }

    private static String describe(Directive.Add a) {
        return describe("add", a.source(), a.destination(), a.protocol(), a.spi());
    }

    private static String describe(String verb, Endpoint src, Endpoint dst, SaProtocol protocol, long spi) {
        return String.format("%s %s %s %s 0x%x", verb, src.address().getHostAddress(),
                dst.address().getHostAddress(), protocol.keyword(), spi);
    }

    private static String range(AddressRange r, int port) {
        return r.address().getHostAddress() + "/" + r.prefixLength() + (port == 0 ? "" : "[" + port + "]");
    }
}
