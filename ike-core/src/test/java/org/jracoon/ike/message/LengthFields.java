package org.jracoon.ike.message;

import java.util.ArrayList;
import java.util.List;

import org.jracoon.ike.payload.PayloadType;

/**
 * Finds the length and count fields of a well-formed plain message by walking its bytes
 * independently of the decoder under test, so that each can be damaged on purpose.
 */
final class LengthFields {

    enum Kind { HEADER_LENGTH, PAYLOAD_LENGTH, SPI_SIZE, NOTIFY_SPI_SIZE, TRANSFORM_COUNT, SPI_COUNT, ATTRIBUTE_LENGTH }

    record Field(Kind kind, int offset, int width) {
        long read(byte[] b) {
            long v = 0;
            for (int i = 0; i < width; i++) {
                v = v << 8 | b[offset + i] & 0xFF;
            }
            return v;
        }

        byte[] with(byte[] b, long value) {
            byte[] copy = b.clone();
            for (int i = 0; i < width; i++) {
                copy[offset + width - 1 - i] = (byte) (value >>> 8 * i);
            }
            return copy;
        }

        long max() {
            return width == 4 ? 0xFFFF : (1L << 8 * width) - 1;
        }
    }

    private LengthFields() {
    }

    static List<Field> of(byte[] message, boolean bodyReadable) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(Kind.HEADER_LENGTH, 24, 4));
        if (bodyReadable) {
            chain(message, 28, message.length, message[16] & 0xFF, fields);
        }
        return fields;
    }

    private static void chain(byte[] b, int pos, int end, int type, List<Field> fields) {
        while (type != PayloadType.NONE && pos + 4 <= end) {
            int next = b[pos] & 0xFF;
            int length = u16(b, pos + 2);
            int body = pos + 4;
            fields.add(new Field(Kind.PAYLOAD_LENGTH, pos + 2, 2));
            switch (type) {
                case PayloadType.SA -> chain(b, body + 8, pos + length, PayloadType.PROPOSAL, fields);
                case PayloadType.PROPOSAL -> {
                    fields.add(new Field(Kind.SPI_SIZE, body + 2, 1));
                    fields.add(new Field(Kind.TRANSFORM_COUNT, body + 3, 1));
                    chain(b, body + 4 + (b[body + 2] & 0xFF), pos + length, PayloadType.TRANSFORM, fields);
                }
                case PayloadType.TRANSFORM -> {
                    int p = body + 4;
                    while (p + 4 <= pos + length) {
                        if ((b[p] & 0x80) != 0) {
                            p += 4;
                        } else {
                            fields.add(new Field(Kind.ATTRIBUTE_LENGTH, p + 2, 2));
                            p += 4 + u16(b, p + 2);
                        }
                    }
                }
                case PayloadType.NOTIFY -> fields.add(new Field(Kind.NOTIFY_SPI_SIZE, body + 5, 1));
                case PayloadType.DELETE -> {
                    fields.add(new Field(Kind.SPI_SIZE, body + 5, 1));
                    fields.add(new Field(Kind.SPI_COUNT, body + 6, 2));
                }
                default -> {
                }
            }
            pos += length;
            type = next;
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }
}
