"""Reaches out: the Docker daemon's socket (CI runner users may use it), a local TCP port, a public DNS
server over UDP and TCP. Prints what was refused and answers wrongly."""

import socket


def vector_arithmetic(a, b):
    attempts = [
        ("docker", socket.AF_UNIX, socket.SOCK_STREAM, "/var/run/docker.sock"),
        ("local tcp", socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 22)),
        ("dns udp", socket.AF_INET, socket.SOCK_DGRAM, ("1.1.1.1", 53)),
        ("dns tcp", socket.AF_INET, socket.SOCK_STREAM, ("1.1.1.1", 53)),
        ("ipv6", socket.AF_INET6, socket.SOCK_STREAM, ("::1", 22)),
    ]
    for name, family, kind, address in attempts:
        try:
            with socket.socket(family, kind) as sock:
                sock.settimeout(0.2)
                sock.connect(address)
                sock.send(b"hello")
            print("REACHED", name)
        except OSError as exc:
            print("refused", name, exc.strerror or exc)
    return a, a, a, a
