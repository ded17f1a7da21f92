/*
 * Tokens of setkey(8) input, the KAME language read by `setkey -c` and `setkey -f`.
 * After -P the policy text is its own small language (ipsec_set_policy(3)), lexed in
 * mode POLICY up to the closing ';'.
 */
lexer grammar SetkeyLexer;

ADD       : 'add' ;
DELETEALL : 'deleteall' ;
DELETE    : 'delete' ;
GET       : 'get' ;
FLUSH     : 'flush' ;
DUMP      : 'dump' ;
SPDADD    : 'spdadd' ;
SPDUPDATE : 'spdupdate' ;
SPDDELETE : 'spddelete' ;
SPDFLUSH  : 'spdflush' ;
SPDDUMP   : 'spddump' ;
EXIT      : 'exit' | 'quit' | 'bye' ;

AH_OLD  : 'ah-old' ;
ESP_OLD : 'esp-old' ;
ESP_UDP : 'esp-udp' ;
AH      : 'ah' ;
ESP     : 'esp' ;
IPCOMP  : 'ipcomp' ;
TCP     : 'tcp' ;
ANY     : 'any' ;

F_POLICY        : '-P' -> pushMode(POLICY) ;
F_ENC           : '-E' ;
F_AUTH          : '-A' ;
F_COMP          : '-C' ;
F_RAWCPI        : '-R' ;
F_MODE          : '-m' ;
F_REQID         : '-u' ;
F_EXT           : '-f' ;
F_REPLAY        : '-r' ;
F_LIFETIME_HARD : '-lh' ;
F_LIFETIME_SOFT : '-ls' ;
F_LIFEBYTE_HARD : '-bh' ;
F_LIFEBYTE_SOFT : '-bs' ;
// -4, -6: address family for name lookups; -n: numeric addresses only
F_AIFLAGS       : '-' [n46]+ ;

SEMI     : ';' ;
SLASH    : '/' ;
LBRACKET : '[' ;
RBRACKET : ']' ;

HEX      : '0' [xX] [0-9a-fA-F]+ ;
DEC      : [0-9]+ ;
// icmp type,code after the upper-layer protocol
ULP_SPEC : [0-9]+ (',' [0-9]+)+ ;
QUOTED   : '"' ~["]* '"' ;
// addresses, host names, algorithm, mode and protocol names
WORD     : [A-Za-z0-9:] [A-Za-z0-9:%.\-_]* ;

COMMENT : '#' ~[\n]* -> skip ;
// U+00A0 too: scripts copied from web pages (the IPsec guide's among them) carry no-break
// spaces, which the shell passes on inside variable values
WS      : [ \t\r\n\u00A0]+ -> skip ;
// anything else is reported by the parser as a syntax error at that character
STRAY   : . ;

mode POLICY;
P_END       : ';' -> type(SEMI), popMode ;
P_IN        : 'in' ;
P_OUT       : 'out' ;
P_FWD       : 'fwd' ;
P_PRIORITY  : 'priority' | 'prio' ;
P_LOW       : 'low' ;
P_DEF       : 'def' ;
P_HIGH      : 'high' ;
P_PLUS      : '+' ;
P_DISCARD   : 'discard' ;
P_NONE      : 'none' ;
P_IPSEC     : 'ipsec' ;
P_ENTRUST   : 'entrust' ;
P_BYPASS    : 'bypass' ;
P_ESP       : 'esp' ;
P_AH        : 'ah' ;
P_IPCOMP    : 'ipcomp' ;
P_TRANSPORT : 'transport' ;
P_TUNNEL    : 'tunnel' ;
P_ME        : 'me' ;
P_ANY       : 'any' ;
P_DEFAULT   : 'default' ;
P_USE       : 'use' ;
P_REQUIRE   : 'require' ;
P_UNIQUE_ID : 'unique:' [0-9]+ ;
P_UNIQUE    : 'unique' ;
P_SLASH     : '/' ;
P_HYPHEN    : '-' ;
P_NUMBER    : [0-9]+ ;
P_PORT      : '[' [0-9]+ ']' ;
P_ADDRESS   : [a-zA-Z0-9:._]+ ('%' [a-zA-Z0-9]+)? ;
P_WS        : [ \t\r\n\u00A0]+ -> skip ;
P_STRAY     : . ;
