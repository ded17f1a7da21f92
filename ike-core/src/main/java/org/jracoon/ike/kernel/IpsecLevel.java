package org.jracoon.ike.kernel;

/**
 * How strictly an ipsec request is applied (KAME): USE sends in clear when no SA exists, REQUIRE
 * drops and asks for one, UNIQUE is REQUIRE with an SA of its own (by reqid).
 */
public enum IpsecLevel {
    DEFAULT, USE, REQUIRE, UNIQUE
}
