package org.jracoon.setkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jracoon.parser.setkey.ProtocolNames;
import org.jracoon.parser.setkey.SetkeyReader;
import org.jracoon.pfkey.Errno;
import org.jracoon.pfkey.PfKeyException;
import org.jracoon.pfkey.message.AddressExtension;
import org.jracoon.pfkey.message.KeyExtension;
import org.jracoon.pfkey.message.PolicyExtension;
import org.jracoon.pfkey.message.Sa2Extension;
import org.jracoon.pfkey.message.SaExtension;
import org.jracoon.pfkey.message.SadbExtensionType;
import org.jracoon.pfkey.message.SadbMessage;
import org.jracoon.pfkey.message.SadbMessageType;
import org.jracoon.pfkey.message.SupportedExtension;
import org.junit.jupiter.api.Test;

/** What setkey sends for each directive and how it reports the kernel's answers, against a scripted kernel. */
class SetkeyRunnerTest {
    private final List<SadbMessage> sent = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** Answers every request; the default accepts it and REGISTER offers 3des-cbc and hmac-md5. */
    private Function<SadbMessage, Integer> errnoFor = m -> 0;

    private final KernelChannel kernel = new KernelChannel() {
        @Override
        public SadbMessage call(SadbMessage request) throws PfKeyException {
            sent.add(request);
            int errno = errnoFor.apply(request);
            if (errno != 0) {
                throw new PfKeyException(request.type(), errno);
            }
            if (request.type() == SadbMessageType.REGISTER) {
                return new SadbMessage(SadbMessageType.REGISTER, 0, 0, 0, 0, List.of(
                        new SupportedExtension(SadbExtensionType.SUPPORTED_AUTH,
                                List.of(new SupportedExtension.Algorithm(2, 0, 128, 128))),
                        new SupportedExtension(SadbExtensionType.SUPPORTED_ENCRYPT,
                                List.of(new SupportedExtension.Algorithm(3, 8, 192, 192)))));
            }
            return new SadbMessage(request.type(), 0, request.saType(), request.sequence(), request.pid(), List.of());
        }

        /** An empty database, as the kernel's ENOENT answer becomes through PfKeyClient. */
        @Override
        public List<SadbMessage> dump(SadbMessage request) {
            sent.add(request);
            return List.of();
        }
    };

    private SetkeyRunner runner() {
        return new SetkeyRunner(kernel, new KameDump(ProtocolNames.parse(List.of()), ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), false);
    }

    private SetkeyRunner run(String script) throws Exception {
        SetkeyRunner runner = runner();
        new SetkeyReader(ProtocolNames.parse(List.of())).read(script, runner::run);
        return runner;
    }

    private List<SadbMessageType> types() {
        return sent.stream().map(SadbMessage::type).toList();
    }

    @Test
    void addSendsKeysSaAndSa2AfterCheckingTheKernelsAlgorithms() throws Exception {
        run("add 192.168.1.11 192.168.1.12 esp 0x1002 -m tunnel -u 9 -E 3des-cbc "
                + "0x0123456789abcdef0123456789abcdef0123456789abcdef -A hmac-md5 0x0123456789abcdef0123456789abcdef;");
        assertEquals(List.of(SadbMessageType.REGISTER, SadbMessageType.ADD), types());
        SadbMessage add = sent.get(1);
        assertEquals(3, add.saType());
        SaExtension sa = add.extension(SadbExtensionType.SA, SaExtension.class).orElseThrow();
        assertEquals(new SaExtension(0x1002, 0, 0, 2, 3, SadbRequests.EXT_CYCSEQ), sa);
        assertEquals(new Sa2Extension(2, 0, 9), add.extension(SadbExtensionType.X_SA2, Sa2Extension.class).orElseThrow());
        assertEquals(192, add.extension(SadbExtensionType.KEY_ENCRYPT, KeyExtension.class).orElseThrow().bits());
        assertEquals(128, add.extension(SadbExtensionType.KEY_AUTH, KeyExtension.class).orElseThrow().bits());
        assertEquals("192.168.1.12", add.extension(SadbExtensionType.ADDRESS_DST, AddressExtension.class)
                .orElseThrow().address().getHostAddress());
    }

    @Test
    void unsupportedAlgorithmAndWrongKeyLengthStopTheScript() {
        SetkeyException e = assertThrows(SetkeyException.class,
                () -> run("flush;\nadd 10.0.0.1 10.0.0.2 ah 0x10003 -A keyed-md5 \"this is the test\";\nflush;"));
        assertEquals("line 2: Not supported at [keyed-md5]", e.getMessage());
        assertEquals(List.of(SadbMessageType.FLUSH, SadbMessageType.REGISTER), types());
        e = assertThrows(SetkeyException.class, () -> run("add 10.0.0.1 10.0.0.2 esp 1 -E 3des-cbc 0x1234;"));
        assertEquals("line 1: Invalid key length at [3des-cbc] (16 bits; the kernel takes 192 to 192)", e.getMessage());
    }

    @Test
    void inboundPolicyAlsoInstallsItsForwardTwin() throws Exception {
        run("spdadd 172.16.20.0/24 172.16.10.0/24 any -P in ipsec esp/tunnel/10.20.20.20-10.10.10.10/unique:4;\n"
                + "spdadd 172.16.10.0/24 172.16.20.0/24 any -P out ipsec esp/tunnel/10.10.10.10-10.20.20.20/require;\n"
                + "spddelete 172.16.20.0/24 172.16.10.0/24 any -P in;");
        assertEquals(List.of(SadbMessageType.X_SPDADD, SadbMessageType.X_SPDADD, SadbMessageType.X_SPDADD,
                SadbMessageType.X_SPDDELETE, SadbMessageType.X_SPDDELETE), types());
        PolicyExtension in = policy(0);
        PolicyExtension fwd = policy(1);
        assertEquals(1, in.direction());
        assertEquals(3, in.requests().get(0).level());
        assertEquals(4, in.requests().get(0).reqid());
        assertEquals(3, fwd.direction());
        assertEquals(2, fwd.requests().get(0).level());
        assertEquals(0, fwd.requests().get(0).reqid());
        assertEquals(0x80000000, in.priority());
        assertEquals(2, policy(2).direction());
        assertEquals(List.of(1, 3), List.of(policy(3).direction(), policy(4).direction()));
        AddressExtension src = sent.get(0).extension(SadbExtensionType.ADDRESS_SRC, AddressExtension.class).orElseThrow();
        assertEquals(List.of(255, 24, 0), List.of(src.protocol(), src.prefixLength(), src.port()));
    }

    private PolicyExtension policy(int index) {
        return sent.get(index).extension(SadbExtensionType.X_POLICY, PolicyExtension.class).orElseThrow();
    }

    @Test
    void kernelRefusalNamesTheEntryAndGoesOn() throws Exception {
        errnoFor = m -> m.type() == SadbMessageType.X_SPDADD ? Errno.EEXIST : 0;
        SetkeyRunner runner = run("spdadd 10.0.0.1 10.0.0.2[80] tcp -P out none;\nspdflush;\n"
                + "delete 10.0.0.1 10.0.0.2 esp 0x77;");
        assertEquals(1, runner.failures());
        assertEquals(List.of(SadbMessageType.X_SPDADD, SadbMessageType.X_SPDFLUSH, SadbMessageType.DELETE), types());
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals("line 1: spdadd 10.0.0.1/32 10.0.0.2/32[80] -P out: " + Errno.describe(Errno.EEXIST) + "\n",
                message);
    }

    @Test
    void deleteOfAMissingSaSaysNoEntry() throws Exception {
        errnoFor = m -> Errno.ENOENT;
        SetkeyRunner runner = run("\n\ndelete 10.0.0.1 10.0.0.2 esp 0x77;");
        assertEquals(1, runner.failures());
        assertEquals("line 3: delete 10.0.0.1 10.0.0.2 esp 0x77: No entry\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void emptyDumpsSayNoEntries() throws Exception {
        SetkeyRunner runner = runner();
        runner.dumpSad(0);
        runner.dumpSpd();
        assertEquals("No SAD entries.\nNo SPD entries.\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, runner.failures());
    }

    @Test
    void oldProtocolsAndPaddingSetKameFlags() throws Exception {
        run("add ::1 ::1 esp-old 1 -f random-pad -f nocyclic-seq -E 3des-cbc 0x0123456789abcdef0123456789abcdef0123456789abcdef;");
        SaExtension sa = sent.get(1).extension(SadbExtensionType.SA, SaExtension.class).orElseThrow();
        assertEquals(0x0100 | SadbRequests.EXT_OLD, sa.flags());
    }
}
