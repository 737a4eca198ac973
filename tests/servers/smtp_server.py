#!/usr/bin/python3
"""A fault-injecting SMTP server on loopback for tracker's mail tests (Debian's aiosmtpd).

Accepted messages land in --maildir as NNNN.eml (the DATA bytes, dot-unstuffed, CRLF line
ends) beside NNNN.json (the envelope: mail_from, rcpt_tos, login, ehlo, and received_at: the
wall-clock time.time() at which the end of DATA arrived, before the reply). Each file is
written to a temp name and renamed, the .json first, so a reader that sees an .eml sees its
envelope. NNNN counts DATA commands, so refused messages leave gaps.
Writes the port it bound to --port-file, and exits by itself after --lifetime seconds so
that a crashed test never leaves it running.
"""
import argparse
import asyncio
import base64
import json
import logging
import os
import socket
import ssl
import time
import warnings
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword, TLSSetupException


class FaultyHandler:
    """Accepts mail into the maildir, or fails in the ways the options ask for."""

    def __init__(self, args):
        self.args = args
        self.maildir = Path(args.maildir)
        self.messages_seen = 0  # DATA commands that got as far as the handler

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refused = self.args.reject_rcpt and (not self.args.reject_only
                                             or address in self.args.reject_only)
        if refused:
            code = self.args.reject_rcpt
            kind = "5.1.1" if code >= 500 else "4.2.0"
            return f"{code} {kind} <{address}>: Recipient address rejected by the test server"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        received_at = time.time()  # the whole message is here; the client has no reply yet
        self.messages_seen += 1
        if self.args.slow:
            await asyncio.sleep(self.args.slow)
        if self.args.drop_data:
            server.transport.abort()  # the connection is lost before the reply
            return "421 4.3.0 Connection dropped by the test server"
        if self.messages_seen <= self.args.fail_first:
            return (f"451 4.3.0 Temporary failure {self.messages_seen} of "
                    f"{self.args.fail_first}, try again later")
        if self.args.reject_data:
            code = self.args.reject_data
            if code >= 500:
                return f"{code} 5.6.0 Message rejected by the test server"
            return f"{code} 4.3.0 Test server cannot take the message now"
        name = "%04d" % self.messages_seen
        login = session.auth_data.login.decode() if session.auth_data else None
        envelope_json = json.dumps({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                                    "login": login, "ehlo": session.host_name,
                                    "received_at": received_at})
        self.save(name + ".json", envelope_json.encode())
        self.save(name + ".eml", envelope.original_content)
        return f"250 2.0.0 OK queued as {name}"

    def save(self, name, data):
        tmp = self.maildir / ("." + name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.maildir / name)


class BoundController(Controller):
    """A Controller serving a socket bound beforehand, so port 0 can pick a free port."""

    def __init__(self, handler, sock, **kwargs):
        self.sock = sock
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1], **kwargs)

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock,
                                       ssl=self.ssl_context)


class QuietTlsFailures(logging.Filter):
    """Drops the traceback aiosmtpd logs when a client refuses our self-signed certificate:
    tests make that happen on purpose."""

    def filter(self, record):
        return not (record.exc_info and record.exc_info[1]
                    and isinstance(record.exc_info[1], TLSSetupException))


def tls_context(cert_and_key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*cert_and_key)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--maildir", required=True, help="where accepted messages go")
    parser.add_argument("--lifetime", type=float, default=120)
    parser.add_argument("--reject-rcpt", type=int, metavar="CODE",
                        help="answer RCPT TO with CODE (e.g. 550 or 450)")
    parser.add_argument("--reject-only", action="append", metavar="ADDRESS",
                        help="with --reject-rcpt: refuse only these recipients (repeatable)")
    parser.add_argument("--reject-data", type=int, metavar="CODE",
                        help="answer the end of DATA with CODE (e.g. 451 or 554)")
    parser.add_argument("--fail-first", type=int, default=0, metavar="N",
                        help="answer the first N messages with 451, then accept")
    parser.add_argument("--slow", type=float, default=0, metavar="SECONDS",
                        help="wait this long before answering the end of DATA")
    parser.add_argument("--drop-data", action="store_true",
                        help="close the connection instead of answering the end of DATA")
    parser.add_argument("--auth", metavar="USER:PASS",
                        help="require AUTH PLAIN or LOGIN with these credentials")
    parser.add_argument("--echo-auth", action="store_true",
                        help="with --auth: quote the credentials received in the 535 reply")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"),
                        help="offer STARTTLS with this certificate and key (PEM)")
    parser.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"),
                        help="implicit TLS (smtps://) with this certificate and key (PEM)")
    args = parser.parse_args()

    kwargs = {"ready_timeout": 10}
    if args.auth:
        user, _, password = args.auth.partition(":")

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
                  and auth_data.password == password.encode())
            if ok:
                return AuthResult(success=True, auth_data=auth_data)
            if args.echo_auth and isinstance(auth_data, LoginPassword):
                # A careless server quoting what it got: the AUTH PLAIN string, AUTH LOGIN's two
                # lines and the password itself, in the 535 reply.
                login, secret = auth_data.login, auth_data.password
                quoted = " ".join(base64.b64encode(part).decode() for part in
                                  (b"\0" + login + b"\0" + secret, login, secret))
                return AuthResult(success=False, handled=False,
                                  message=f"535 5.7.8 Bad credentials in AUTH {mechanism} "
                                          f"{quoted} ({secret.decode(errors='replace')})")
            return AuthResult(success=False, handled=False)  # aiosmtpd then answers 535

        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=False)  # plain loopback connections may log in
        # aiosmtpd warns about that choice on stderr, which would clutter the test output.
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        logging.getLogger("mail.log").setLevel(logging.ERROR)
    if args.starttls:
        kwargs["tls_context"] = tls_context(args.starttls)
    if args.smtps:
        kwargs["ssl_context"] = tls_context(args.smtps)

    logging.getLogger("mail.log").addFilter(QuietTlsFailures())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    controller = BoundController(FaultyHandler(args), sock, **kwargs)
    controller.start()
    tmp = args.port_file + ".tmp"
    Path(tmp).write_text(str(sock.getsockname()[1]))
    os.replace(tmp, args.port_file)
    try:
        time.sleep(args.lifetime)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
