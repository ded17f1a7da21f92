package org.jracoon.ike.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jracoon.ike.payload.Attribute;
import org.jracoon.ike.payload.CertPayload;
import org.jracoon.ike.payload.CertRequestPayload;
import org.jracoon.ike.payload.DeletePayload;
import org.jracoon.ike.payload.ExchangeType;
import org.jracoon.ike.payload.IkeAttributes;
import org.jracoon.ike.payload.IsakmpHeader;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.NatDPayload;
import org.jracoon.ike.payload.NotifyPayload;
import org.jracoon.ike.payload.NotifyType;
import org.jracoon.ike.payload.Octets;
import org.jracoon.ike.payload.Payload;
import org.jracoon.ike.payload.PayloadChain;
import org.jracoon.ike.payload.PayloadType;
import org.jracoon.ike.payload.ProposalPayload;
import org.jracoon.ike.payload.ProtocolId;
import org.jracoon.ike.payload.SaPayload;
import org.jracoon.ike.payload.TransformId;
import org.jracoon.ike.payload.TransformPayload;
import org.jracoon.ike.payload.UnknownPayload;
import org.jracoon.ike.payload.VendorIdPayload;
import org.junit.jupiter.api.Test;

/**
 * Damaged input ends in {@link IsakmpProtocolException} with the notify type RFC 2408 names for
 * the damage, and in no other exception.
 */
class MalformedInputTest {

    /** Decodes the way a receiver would: the whole message if plain, else the header. */
    private static void receive(byte[] datagram) throws IsakmpProtocolException {
        IsakmpHeader header = IsakmpMessage.decodeHeader(datagram);
        if (!header.encrypted()) {
            IsakmpMessage.decode(datagram);
        }
    }

    private static void expect(int notifyType, byte[] datagram, String what) {
        IsakmpProtocolException e = assertThrows(IsakmpProtocolException.class, () -> receive(datagram), what);
        assertEquals(NotifyType.name(notifyType), NotifyType.name(e.notifyType()), what + ": " + e.getMessage());
    }

    @Test
    void everyTruncationIsRefused() throws Exception {
        int cases = 0;
        for (Corpus.Sample s : Corpus.all()) {
            byte[] full = s.bytes();
            boolean encrypted = IsakmpMessage.decodeHeader(full).encrypted();
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                // as received: the header still claims the full length
                expect(n < IsakmpHeader.LENGTH ? NotifyType.PAYLOAD_MALFORMED : NotifyType.UNEQUAL_PAYLOAD_LENGTHS,
                        cut, s.name() + " cut at " + n);
                cases++;
                if (n >= IsakmpHeader.LENGTH && !encrypted) {
                    // header length made to agree, so the payload lengths are what fail
                    byte[] patched = new LengthFields.Field(LengthFields.Kind.HEADER_LENGTH, 24, 4).with(cut, n);
                    expect(NotifyType.PAYLOAD_MALFORMED, patched, s.name() + " cut at " + n + ", length patched");
                    cases++;
                }
            }
        }
        System.out.println("truncation cases: " + cases);
    }

    @Test
    void everyLengthAndCountFieldOffByOneZeroOrMaximumIsRefused() throws Exception {
        Map<LengthFields.Kind, Integer> cases = new EnumMap<>(LengthFields.Kind.class);
        for (Corpus.Sample s : Corpus.all()) {
            byte[] good = s.bytes();
            boolean encrypted = IsakmpMessage.decodeHeader(good).encrypted();
            List<LengthFields.Field> fields = LengthFields.of(good, !encrypted);
            assertTrue(fields.size() > (encrypted ? 0 : 1), s.name() + ": no payload fields found");
            for (LengthFields.Field f : fields) {
                long v = f.read(good);
                long mask = f.width() == 4 ? 0xFFFFFFFFL : f.max();
                for (long bad : new long[] {v + 1, v - 1, 0, f.max()}) {
                    bad &= mask;
                    if (bad == v) {
                        continue;
                    }
                    byte[] damaged = f.with(good, bad);
                    String what = s.name() + " " + f.kind() + "@" + f.offset() + " " + v + "->" + bad;
                    if (f.kind() == LengthFields.Kind.HEADER_LENGTH) {
                        expect(NotifyType.UNEQUAL_PAYLOAD_LENGTHS, damaged, what);
                    } else if (f.kind() == LengthFields.Kind.NOTIFY_SPI_SIZE && bad == 0) {
                        // An ISAKMP notification may omit its SPI: the cookies then read as
                        // notification data, a different but well-formed message.
                        NotifyPayload before = notifyAt(good, f.offset());
                        NotifyPayload after = notifyAt(damaged, f.offset());
                        assertEquals(0, after.spi().length(), what);
                        assertEquals(before.spi().hex() + before.data().hex(), after.data().hex(), what);
                    } else {
                        expect(NotifyType.PAYLOAD_MALFORMED, damaged, what);
                    }
                    cases.merge(f.kind(), 1, Integer::sum);
                }
            }
        }
        System.out.println("length field cases: " + cases);
        for (LengthFields.Kind kind : LengthFields.Kind.values()) {
            assertTrue(cases.getOrDefault(kind, 0) > 0, "no " + kind + " field in the corpus");
        }
    }

    /** The notification whose SPI Size octet is at {@code offset}. */
    private static NotifyPayload notifyAt(byte[] message, int offset) throws IsakmpProtocolException {
        int pos = IsakmpHeader.LENGTH;
        for (Payload p : IsakmpMessage.decode(message).payloads()) {
            if (offset == pos + 4 + 5) {
                return (NotifyPayload) p;
            }
            pos += 4 + p.bodyLength();
        }
        throw new AssertionError("no notification at " + offset);
    }

    private static final IsakmpHeader MM = IsakmpHeader.of(0x1122334455667788L, 0, ExchangeType.IDENTITY_PROTECTION,
            0, 0);

    private static SaPayload phase1Sa(List<TransformPayload> transforms) {
        return SaPayload.ipsec(List.of(new ProposalPayload(1, ProtocolId.ISAKMP, Octets.EMPTY, transforms)));
    }

    private static TransformPayload ikeTransform(int number) {
        return new TransformPayload(number, TransformId.KEY_IKE, List.of(
                Attribute.basic(IkeAttributes.ENCRYPTION_ALGORITHM, IkeAttributes.ENC_AES_CBC),
                Attribute.basic(IkeAttributes.KEY_LENGTH, 128)));
    }

    /** The offset of the generic header of the {@code index}-th top-level payload. */
    private static int payloadOffset(byte[] message, int index) {
        int pos = IsakmpHeader.LENGTH;
        for (int i = 0; i < index; i++) {
            pos += (message[pos + 2] & 0xFF) << 8 | message[pos + 3] & 0xFF;
        }
        return pos;
    }

    @Test
    void unknownPayloadsAreKeptUnlessCritical() throws Exception {
        for (int unknownType : new int[] {14, 99, 127, 200, 255}) {
            List<Payload> chain = List.of(phase1Sa(List.of(ikeTransform(1))),
                    new UnknownPayload(unknownType, Octets.of((byte) 1, (byte) 2, (byte) 3)), VendorIdPayload.DPD);
            byte[] bytes = new IsakmpMessage(MM, chain).encode();

            IsakmpMessage decoded = IsakmpMessage.decode(bytes);
            assertEquals(chain, decoded.payloads(), "type " + unknownType);
            assertArrayEquals(bytes, decoded.encode());
            MessageRules.MM1.check(decoded); // skipped by the exchange rules, not refused

            byte[] critical = bytes.clone();
            critical[payloadOffset(bytes, 1) + 1] = (byte) 0x80;
            expect(NotifyType.INVALID_PAYLOAD_TYPE, critical, "critical type " + unknownType);
        }
    }

    @Test
    void knownPayloadsInsideAnSaAreRefusedAtTopLevel() throws Exception {
        byte[] bytes = new IsakmpMessage(MM, List.of(phase1Sa(List.of(ikeTransform(1))))).encode();
        for (int type : new int[] {PayloadType.PROPOSAL, PayloadType.TRANSFORM}) {
            byte[] misplaced = bytes.clone();
            misplaced[16] = (byte) type;
            expect(NotifyType.INVALID_PAYLOAD_TYPE, misplaced, PayloadType.name(type) + " at top level");
        }
    }

    @Test
    void thousandChainedTransformsAreRefusedBeforeTheSurplusIsRead() throws Exception {
        List<TransformPayload> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(ikeTransform(i & 0xFF));
        }
        // built by hand: the API refuses to construct a proposal with more than 255 transforms
        ProposalPayload first255 = new ProposalPayload(1, ProtocolId.ISAKMP, Octets.EMPTY, many.subList(0, 255));
        byte[] transforms = new byte[PayloadChain.length(many)];
        PayloadChain.encode(many, ByteBuffer.wrap(transforms));
        byte[] proposalBody = new byte[4 + transforms.length];
        proposalBody[0] = 1;
        proposalBody[1] = (byte) ProtocolId.ISAKMP;
        for (int count : new int[] {1000 & 0xFF, 255, 1}) {
            proposalBody[3] = (byte) count;
            System.arraycopy(transforms, 0, proposalBody, 4, transforms.length);
            byte[] msg = wrapSa(proposalBody);
            expect(NotifyType.PAYLOAD_MALFORMED, msg, "1000 transforms announced as " + count);
        }
        assertEquals(255, first255.transforms().size());
    }

    @Test
    void payloadsNestedWhereOnlyTransformsMayFollowAreRefused() throws Exception {
        for (int nested : new int[] {PayloadType.SA, PayloadType.PROPOSAL, PayloadType.NOTIFY}) {
            byte[] msg = new IsakmpMessage(MM, List.of(phase1Sa(List.of(ikeTransform(1), ikeTransform(2))))).encode();
            // the first transform's Next Payload: SA header (28+4), SA body (8), proposal header+body (4+4)
            int firstTransform = IsakmpHeader.LENGTH + 4 + 8 + 8;
            assertEquals(PayloadType.TRANSFORM, msg[firstTransform]);
            msg[firstTransform] = (byte) nested;
            expect(NotifyType.PAYLOAD_MALFORMED, msg, PayloadType.name(nested) + " nested in a proposal");
        }
        byte[] sa = new IsakmpMessage(MM, List.of(phase1Sa(List.of(ikeTransform(1))))).encode();
        int proposal = IsakmpHeader.LENGTH + 4 + 8;
        assertEquals(PayloadType.NONE, sa[proposal]);
        sa[proposal] = (byte) PayloadType.SA;
        expect(NotifyType.PAYLOAD_MALFORMED, sa, "an SA announced inside the proposal chain");
    }

    @Test
    void repeatedPayloadsBeyondTheCapsAreRefused() throws Exception {
        int[][] caps = {{PayloadType.NOTIFY, 20}, {PayloadType.VENDOR_ID, 20}, {PayloadType.CERT, 8},
            {PayloadType.CR, 20}, {PayloadType.DELETE, 20}, {PayloadType.NAT_D, 10}};
        for (int[] cap : caps) {
            Payload one = switch (cap[0]) {
                case PayloadType.NOTIFY -> NotifyPayload.of(ProtocolId.ISAKMP, Octets.EMPTY, NotifyType.R_U_THERE,
                        Octets.EMPTY);
                case PayloadType.VENDOR_ID -> VendorIdPayload.DPD;
                case PayloadType.CERT -> new CertPayload(4, Octets.of((byte) 0x30));
                case PayloadType.CR -> new CertRequestPayload(4, Octets.EMPTY);
                case PayloadType.DELETE -> DeletePayload.of(ProtocolId.ESP,
                        List.of(Octets.of((byte) 1, (byte) 2, (byte) 3, (byte) 4)));
                default -> new NatDPayload(false, Octets.of(new byte[20]));
            };
            IsakmpMessage.decode(new IsakmpMessage(MM, Collections.nCopies(cap[1], one)).encode());
            for (int n : new int[] {cap[1] + 1, 1000}) {
                byte[] over = new IsakmpMessage(MM, Collections.nCopies(n, one)).encode();
                expect(NotifyType.PAYLOAD_MALFORMED, over, n + " " + PayloadType.name(cap[0]));
            }
        }
    }

    @Test
    void headerChecksNameTheirNotify() throws Exception {
        byte[] mm1 = SharedFiles.katPackets().get(0);
        byte[] v2 = mm1.clone();
        v2[17] = 0x20;
        expect(NotifyType.INVALID_MAJOR_VERSION, v2, "IKEv2 major version");
        byte[] minor = mm1.clone();
        minor[17] = 0x11;
        expect(NotifyType.INVALID_MINOR_VERSION, minor, "minor version 1");
        byte[] flags = mm1.clone();
        flags[19] = 0x08;
        expect(NotifyType.INVALID_FLAGS, flags, "undefined flag");
        byte[] doi = mm1.clone();
        doi[IsakmpHeader.LENGTH + 7] = 2;
        expect(NotifyType.DOI_NOT_SUPPORTED, doi, "DOI 2");
        byte[] situation = mm1.clone();
        situation[IsakmpHeader.LENGTH + 11] = 2;
        expect(NotifyType.SITUATION_NOT_SUPPORTED, situation, "SIT_SECRECY");
        byte[] protocol = mm1.clone();
        protocol[IsakmpHeader.LENGTH + 12 + 5] = 9;
        expect(NotifyType.INVALID_PROTOCOL_ID, protocol, "proposal protocol 9");
    }

    @Test
    void thousandProposalsAreWellFormedAndDecode() throws Exception {
        List<ProposalPayload> proposals = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            proposals.add(new ProposalPayload(i & 0xFF, ProtocolId.ISAKMP, Octets.EMPTY, List.of(ikeTransform(1))));
        }
        byte[] bytes = new IsakmpMessage(MM, List.of(SaPayload.ipsec(proposals))).encode();
        assertEquals(1000, IsakmpMessage.decode(bytes).first(SaPayload.class).orElseThrow().proposals().size());
    }

    @Test
    void randomDamageNeverEscapesAsAnotherException() throws Exception {
        Random random = new Random(20261126);
        int refused = 0;
        int accepted = 0;
        for (Corpus.Sample s : Corpus.all()) {
            for (int round = 0; round < 300; round++) {
                byte[] damaged = s.bytes().clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    int at = IsakmpHeader.LENGTH + random.nextInt(damaged.length - IsakmpHeader.LENGTH);
                    damaged[at] = (byte) random.nextInt(256);
                }
                try {
                    receive(damaged);
                    accepted++;
                } catch (IsakmpProtocolException e) {
                    assertTrue(NotifyType.isError(e.notifyType()), e.toString());
                    refused++;
                } catch (RuntimeException e) {
                    fail(s.name() + " round " + round + ": " + e, e);
                }
            }
        }
        System.out.println("random damage: " + refused + " refused, " + accepted + " accepted");
    }

    private static byte[] wrapSa(byte[] proposalBody) {
        byte[] sa = new byte[8 + 4 + proposalBody.length];
        sa[3] = 1;
        sa[7] = 1;
        int len = 4 + proposalBody.length;
        sa[10] = (byte) (len >> 8);
        sa[11] = (byte) len;
        System.arraycopy(proposalBody, 0, sa, 12, proposalBody.length);
        return wrapPayload(PayloadType.SA, sa);
    }

    private static byte[] wrapPayload(int type, byte[] body) {
        byte[] header = new IsakmpMessage(MM, List.of()).encode();
        byte[] msg = Arrays.copyOf(header, header.length + 4 + body.length);
        msg[16] = (byte) type;
        int len = 4 + body.length;
        msg[IsakmpHeader.LENGTH + 2] = (byte) (len >> 8);
        msg[IsakmpHeader.LENGTH + 3] = (byte) len;
        System.arraycopy(body, 0, msg, IsakmpHeader.LENGTH + 4, body.length);
        int total = msg.length;
        msg[24] = (byte) (total >>> 24);
        msg[25] = (byte) (total >>> 16);
        msg[26] = (byte) (total >>> 8);
        msg[27] = (byte) total;
        return msg;
    }
}
