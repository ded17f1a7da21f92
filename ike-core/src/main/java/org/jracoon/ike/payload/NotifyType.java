package org.jracoon.ike.payload;

/**
 * Notify Message Types: errors (1..16383) and status (16384..) from RFC 2408 section 3.14.1,
 * the IPsec DOI status types of RFC 2407 section 4.6.3 and the DPD types of RFC 3706.
 */
public final class NotifyType {

    public static final int INVALID_PAYLOAD_TYPE = 1;
    public static final int DOI_NOT_SUPPORTED = 2;
    public static final int SITUATION_NOT_SUPPORTED = 3;
    public static final int INVALID_COOKIE = 4;
    public static final int INVALID_MAJOR_VERSION = 5;
    public static final int INVALID_MINOR_VERSION = 6;
    public static final int INVALID_EXCHANGE_TYPE = 7;
    public static final int INVALID_FLAGS = 8;
    public static final int INVALID_MESSAGE_ID = 9;
    public static final int INVALID_PROTOCOL_ID = 10;
    public static final int INVALID_SPI = 11;
    public static final int INVALID_TRANSFORM_ID = 12;
    public static final int ATTRIBUTES_NOT_SUPPORTED = 13;
    public static final int NO_PROPOSAL_CHOSEN = 14;
    public static final int BAD_PROPOSAL_SYNTAX = 15;
    public static final int PAYLOAD_MALFORMED = 16;
    public static final int INVALID_KEY_INFORMATION = 17;
    public static final int INVALID_ID_INFORMATION = 18;
    public static final int INVALID_CERT_ENCODING = 19;
    public static final int INVALID_CERTIFICATE = 20;
    public static final int CERT_TYPE_UNSUPPORTED = 21;
    public static final int INVALID_CERT_AUTHORITY = 22;
    public static final int INVALID_HASH_INFORMATION = 23;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int INVALID_SIGNATURE = 25;
    public static final int ADDRESS_NOTIFICATION = 26;
    public static final int NOTIFY_SA_LIFETIME = 27;
    public static final int CERTIFICATE_UNAVAILABLE = 28;
    public static final int UNSUPPORTED_EXCHANGE_TYPE = 29;
    public static final int UNEQUAL_PAYLOAD_LENGTHS = 30;

    public static final int CONNECTED = 16384;
    public static final int RESPONDER_LIFETIME = 24576;
    public static final int REPLAY_STATUS = 24577;
    public static final int INITIAL_CONTACT = 24578;
    public static final int R_U_THERE = 36136;
    public static final int R_U_THERE_ACK = 36137;

    private NotifyType() {
    }

    /** True for the error range of RFC 2408 section 3.14.1 (below 16384). */
    public static boolean isError(int type) {
        return type > 0 && type < CONNECTED;
    }

    /** The RFC name of {@code type} for logs, e.g. "PAYLOAD-MALFORMED"; unknown values as numbers. */
    public static String name(int type) {
        return switch (type) {
            case INVALID_PAYLOAD_TYPE -> "INVALID-PAYLOAD-TYPE";
            case DOI_NOT_SUPPORTED -> "DOI-NOT-SUPPORTED";
            case SITUATION_NOT_SUPPORTED -> "SITUATION-NOT-SUPPORTED";
            case INVALID_COOKIE -> "INVALID-COOKIE";
            case INVALID_MAJOR_VERSION -> "INVALID-MAJOR-VERSION";
            case INVALID_MINOR_VERSION -> "INVALID-MINOR-VERSION";
            case INVALID_EXCHANGE_TYPE -> "INVALID-EXCHANGE-TYPE";
            case INVALID_FLAGS -> "INVALID-FLAGS";
            case INVALID_MESSAGE_ID -> "INVALID-MESSAGE-ID";
            case INVALID_PROTOCOL_ID -> "INVALID-PROTOCOL-ID";
            case INVALID_SPI -> "INVALID-SPI";
            case INVALID_TRANSFORM_ID -> "INVALID-TRANSFORM-ID";
            case ATTRIBUTES_NOT_SUPPORTED -> "ATTRIBUTES-NOT-SUPPORTED";
            case NO_PROPOSAL_CHOSEN -> "NO-PROPOSAL-CHOSEN";
            case BAD_PROPOSAL_SYNTAX -> "BAD-PROPOSAL-SYNTAX";
            case PAYLOAD_MALFORMED -> "PAYLOAD-MALFORMED";
            case INVALID_KEY_INFORMATION -> "INVALID-KEY-INFORMATION";
            case INVALID_ID_INFORMATION -> "INVALID-ID-INFORMATION";
            case INVALID_CERT_ENCODING -> "INVALID-CERT-ENCODING";
            case INVALID_CERTIFICATE -> "INVALID-CERTIFICATE";
            case CERT_TYPE_UNSUPPORTED -> "CERT-TYPE-UNSUPPORTED";
            case INVALID_CERT_AUTHORITY -> "INVALID-CERT-AUTHORITY";
            case INVALID_HASH_INFORMATION -> "INVALID-HASH-INFORMATION";
            case AUTHENTICATION_FAILED -> "AUTHENTICATION-FAILED";
            case INVALID_SIGNATURE -> "INVALID-SIGNATURE";
            case ADDRESS_NOTIFICATION -> "ADDRESS-NOTIFICATION";
            case NOTIFY_SA_LIFETIME -> "NOTIFY-SA-LIFETIME";
            case CERTIFICATE_UNAVAILABLE -> "CERTIFICATE-UNAVAILABLE";
            case UNSUPPORTED_EXCHANGE_TYPE -> "UNSUPPORTED-EXCHANGE-TYPE";
            case UNEQUAL_PAYLOAD_LENGTHS -> "UNEQUAL-PAYLOAD-LENGTHS";
            case CONNECTED -> "CONNECTED";
            case RESPONDER_LIFETIME -> "RESPONDER-LIFETIME";
            case REPLAY_STATUS -> "REPLAY-STATUS";
            case INITIAL_CONTACT -> "INITIAL-CONTACT";
            case R_U_THERE -> "R-U-THERE";
            case R_U_THERE_ACK -> "R-U-THERE-ACK";
            default -> "NOTIFY-" + type;
        };
    }
}
