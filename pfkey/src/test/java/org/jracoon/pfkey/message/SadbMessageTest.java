package org.jracoon.pfkey.message;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_LENGTH;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_VALUE;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.BAD_VERSION;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.DUPLICATE_EXTENSION;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.MISALIGNED;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.TRUNCATED;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.UNKNOWN_EXTENSION_TYPE;
import static org.jracoon.pfkey.message.SadbDecodeException.Reason.UNKNOWN_MESSAGE_TYPE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SadbMessageTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static SadbMessage fullAdd() throws Exception {
        return new SadbMessage(SadbMessageType.ADD, 0, Sadb.SATYPE_ESP, 7, 4242, List.of(
                new SaExtension(0x12345678, 4, Sadb.SASTATE_MATURE, Sadb.AALG_SHA1HMAC, Sadb.EALG_AESCBC, 0),
                new Sa2Extension(Sadb.MODE_TUNNEL, 0, 17),
                new LifetimeExtension(SadbExtensionType.LIFETIME_HARD, 0, 0, 3600, 0),
                new LifetimeExtension(SadbExtensionType.LIFETIME_SOFT, 0, 0, 2880, 0),
                AddressExtension.host(SadbExtensionType.ADDRESS_SRC, ip("192.0.2.1")),
                new AddressExtension(SadbExtensionType.ADDRESS_DST, 0, 128, ip("2001:db8::2"), 4500),
                KeyExtension.of(SadbExtensionType.KEY_AUTH, new byte[20]),
                new KeyExtension(SadbExtensionType.KEY_ENCRYPT, 128, new byte[16]),
                new NatTypeExtension(Sadb.NAT_T_ESPINUDP),
                new NatPortExtension(SadbExtensionType.X_NAT_T_SPORT, 4500),
                new NatPortExtension(SadbExtensionType.X_NAT_T_DPORT, 61234),
                AddressExtension.host(SadbExtensionType.X_NAT_T_OA, ip("10.0.0.5"))));
    }

    @Test
    void everyExtensionRoundTrips() throws Exception {
        SadbMessage add = fullAdd();
        assertEquals(add, SadbMessage.decode(add.encode()));

        SadbMessage spd = new SadbMessage(SadbMessageType.X_SPDADD, 0, Sadb.SATYPE_UNSPEC, 1, 1, List.of(
                new AddressExtension(SadbExtensionType.ADDRESS_SRC, 6, 24, ip("10.1.0.0"), 0),
                new AddressExtension(SadbExtensionType.ADDRESS_DST, 6, 24, ip("10.2.0.0"), 80),
                new PolicyExtension(Sadb.POLICY_IPSEC, Sadb.DIR_OUTBOUND, 0, 0, List.of(
                        new PolicyExtension.IpsecRequest(Sadb.IPPROTO_ESP, Sadb.MODE_TUNNEL, Sadb.LEVEL_REQUIRE, 0,
                                ip("192.0.2.1"), ip("192.0.2.2")),
                        new PolicyExtension.IpsecRequest(Sadb.IPPROTO_AH, Sadb.MODE_TRANSPORT, Sadb.LEVEL_USE, 5,
                                null, null),
                        new PolicyExtension.IpsecRequest(Sadb.IPPROTO_COMP, Sadb.MODE_TUNNEL, Sadb.LEVEL_UNIQUE, 9,
                                ip("2001:db8::1"), ip("2001:db8::2")))),
                new LifetimeExtension(SadbExtensionType.LIFETIME_CURRENT, 1, 2, 3, 4)));
        assertEquals(spd, SadbMessage.decode(spd.encode()));

        SadbMessage other = new SadbMessage(SadbMessageType.ACQUIRE, 0, Sadb.SATYPE_ESP, 0, 0, List.of(
                new ProposalExtension(32, List.of(new ProposalExtension.Combination(Sadb.AALG_SHA1HMAC,
                        Sadb.EALG_3DESCBC, 0, 160, 160, 192, 192, 0, 0, 0, 0, 0, 0, 0, 0))),
                new SupportedExtension(SadbExtensionType.SUPPORTED_AUTH,
                        List.of(new SupportedExtension.Algorithm(Sadb.AALG_MD5HMAC, 0, 128, 128))),
                new SpiRangeExtension(0x100, 0xffff),
                new IdentityExtension(SadbExtensionType.IDENTITY_SRC, Sadb.IDENTTYPE_FQDN, 0, "host\0".getBytes()),
                new OpaqueExtension(SadbExtensionType.X_SEC_CTX, new byte[] {1, 1, 8, 0, 's', 'y', 's', 't', 'e', 'm', 0, 0})));
        SadbMessage back = SadbMessage.decode(other.encode());
        assertEquals(other, back);
        assertArrayEquals(other.encode(), back.encode());
        assertEquals("host", back.extension(SadbExtensionType.IDENTITY_SRC, IdentityExtension.class).orElseThrow().text());
    }

    @Test
    void lengthsCountWordsAndPadToEightBytes() throws Exception {
        SadbMessage m = fullAdd();
        byte[] b = m.encode();
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertEquals(0, b.length % 8);
        assertEquals(b.length / 8, in.getShort(4) & 0xffff);
        // IPv4 address extension: 8-byte header + 16-byte sockaddr_in; IPv6: 8 + 28 padded to 40.
        assertEquals(24, AddressExtension.host(SadbExtensionType.ADDRESS_SRC, ip("192.0.2.1")).encodedLength());
        assertEquals(40, AddressExtension.host(SadbExtensionType.ADDRESS_SRC, ip("2001:db8::1")).encodedLength());
        assertEquals(32, KeyExtension.of(SadbExtensionType.KEY_AUTH, new byte[20]).encodedLength());
    }

    @Test
    void headerFieldsAreWhereTheKernelReadsThem() throws Exception {
        SadbMessage m = new SadbMessage(SadbMessageType.GETSPI, 0, Sadb.SATYPE_AH, 0x01020304, 99,
                List.of(new SaExtension(0xc0ffee01, 0, 0, 0, 0, 0)));
        ByteBuffer in = ByteBuffer.wrap(m.encode()).order(ByteOrder.nativeOrder());
        assertEquals(2, in.get(0));
        assertEquals(1, in.get(1));
        assertEquals(2, in.get(3));
        assertEquals(0x01020304, in.getInt(8));
        assertEquals(99, in.getInt(12));
        assertEquals(2, in.getShort(16));          // sadb_sa: 16 bytes = 2 words
        assertEquals(1, in.getShort(18));          // SADB_EXT_SA
        // The SPI is in network order whatever the host's order.
        assertEquals((byte) 0xc0, in.get(20));
        assertEquals((byte) 0x01, in.get(23));
    }

    @Test
    void decodesKernelSocketAddressLayout() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + 24).order(ByteOrder.nativeOrder());
        b.put((byte) 2).put((byte) 5).put((byte) 0).put((byte) 3).putShort((short) 5).putShort((short) 0)
                .putInt(1).putInt(0);
        b.putShort((short) 3).putShort((short) 6).put((byte) 17).put((byte) 32).putShort((short) 0);
        b.putShort((short) 2).put((byte) 0x01).put((byte) 0xf4).put(new byte[] {10, 0, 0, 1}).put(new byte[8]);
        SadbMessage m = SadbMessage.decode(b.array());
        AddressExtension dst = m.extension(SadbExtensionType.ADDRESS_DST, AddressExtension.class).orElseThrow();
        assertEquals(ip("10.0.0.1"), dst.address());
        assertEquals(500, dst.port());
        assertEquals(17, dst.protocol());
        assertEquals(32, dst.prefixLength());
    }

    private static SadbDecodeException.Reason failure(byte[] b) {
        return assertThrows(SadbDecodeException.class, () -> SadbMessage.decode(b)).reason();
    }

    private static void setShort(byte[] b, int at, int v) {
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putShort(at, (short) v);
    }

    @Test
    void truncatedDatagramsAreRejected() throws Exception {
        byte[] b = fullAdd().encode();
        assertEquals(TRUNCATED, failure(Arrays.copyOf(b, 8)));
        assertEquals(TRUNCATED, failure(Arrays.copyOf(b, b.length - 8)));   // header says more
    }

    @Test
    void oversizedLengthsAreRejected() throws Exception {
        byte[] b = fullAdd().encode();
        // Datagram longer than sadb_msg_len says.
        assertEquals(BAD_LENGTH, failure(Arrays.copyOf(b, b.length + 8)));
        // An extension claiming more than the message holds: the first one (sadb_sa at 16).
        byte[] c = b.clone();
        setShort(c, 16, 0x400);
        assertEquals(TRUNCATED, failure(c));
        // An extension longer than its content (sadb_sa of 3 words), message grown to match.
        SadbMessage one = SadbMessage.request(SadbMessageType.GET, Sadb.SATYPE_ESP, List.of(SaExtension.ofSpi(1)));
        byte[] d = Arrays.copyOf(one.encode(), 40);
        setShort(d, 4, 5);
        setShort(d, 16, 3);
        assertEquals(BAD_LENGTH, failure(d));
        // Zero-length extension would loop forever.
        byte[] e = one.encode();
        setShort(e, 16, 0);
        assertEquals(BAD_LENGTH, failure(e));
        // sadb_msg_len below the header.
        byte[] f = one.encode();
        setShort(f, 4, 1);
        assertEquals(BAD_LENGTH, failure(f));
    }

    @Test
    void badAlignmentIsRejected() throws Exception {
        byte[] b = Arrays.copyOf(fullAdd().encode(), 16 + 12);
        assertEquals(MISALIGNED, failure(b));
    }

    @Test
    void keyBitsBeyondTheExtensionAreRejected() throws Exception {
        SadbMessage m = SadbMessage.request(SadbMessageType.ADD, Sadb.SATYPE_ESP,
                List.of(KeyExtension.of(SadbExtensionType.KEY_ENCRYPT, new byte[16])));
        byte[] b = m.encode();
        setShort(b, 20, 512);   // sadb_key_bits
        assertEquals(BAD_VALUE, failure(b));
    }

    @Test
    void ipsecRequestLengthIsChecked() throws Exception {
        SadbMessage m = SadbMessage.request(SadbMessageType.X_SPDADD, 0, List.of(new PolicyExtension(
                Sadb.POLICY_IPSEC, Sadb.DIR_INBOUND, 0, 0, List.of(new PolicyExtension.IpsecRequest(
                        Sadb.IPPROTO_ESP, Sadb.MODE_TRANSPORT, Sadb.LEVEL_REQUIRE, 0, null, null)))));
        byte[] b = m.encode();
        int request = 16 + 16;
        setShort(b, request, 8);
        assertEquals(BAD_LENGTH, failure(b));
        setShort(b, request, 64);
        assertEquals(BAD_LENGTH, failure(b));
        setShort(b, request, 24);   // claims 8 bytes of a sockaddr that is not there
        assertEquals(BAD_LENGTH, failure(b));
    }

    @Test
    void unknownFamilyVersionTypesAndDuplicatesAreTyped() throws Exception {
        SadbMessage one = SadbMessage.request(SadbMessageType.GET, Sadb.SATYPE_ESP,
                List.of(AddressExtension.host(SadbExtensionType.ADDRESS_DST, ip("10.0.0.1"))));
        byte[] fam = one.encode();
        setShort(fam, 24, 99);
        assertEquals(BAD_VALUE, failure(fam));

        byte[] ver = one.encode();
        ver[0] = 1;
        assertEquals(BAD_VERSION, failure(ver));

        byte[] type = one.encode();
        type[1] = 99;
        assertEquals(UNKNOWN_MESSAGE_TYPE, failure(type));

        byte[] ext = one.encode();
        setShort(ext, 18, 77);
        assertEquals(UNKNOWN_EXTENSION_TYPE, failure(ext));

        byte[] sa = SadbMessage.request(SadbMessageType.GET, Sadb.SATYPE_ESP, List.of(SaExtension.ofSpi(1))).encode();
        byte[] twice = Arrays.copyOf(sa, 32 + 16);
        System.arraycopy(sa, 16, twice, 32, 16);
        setShort(twice, 4, 6);
        assertEquals(DUPLICATE_EXTENSION, failure(twice));
    }

    @Test
    void valuesRefuseWhatCannotBeEncoded() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new SaExtension(1, 256, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new KeyExtension(SadbExtensionType.KEY_AUTH, 100, new byte[16]));
        assertThrows(IllegalArgumentException.class,
                () -> new AddressExtension(SadbExtensionType.ADDRESS_SRC, 0, 33, ip("10.0.0.1"), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LifetimeExtension(SadbExtensionType.SA, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SadbMessage.request(SadbMessageType.GET, 3,
                List.of(SaExtension.ofSpi(1), SaExtension.ofSpi(2))));
    }

    @Test
    void keysAreCopiedAndNeverPrinted() throws Exception {
        byte[] key = {1, 2, 3, 4, 5, 6, 7, 8};
        KeyExtension k = KeyExtension.of(SadbExtensionType.KEY_ENCRYPT, key);
        key[0] = 9;
        assertEquals(1, k.key()[0]);
        assertFalse(k.toString().contains("1, 2"));
        assertTrue(k.toString().contains("64 bits"));
    }
}
