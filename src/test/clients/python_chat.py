"""A plain `websockets` client (Debian's python3-websockets): bob waits, alice sends him a direct message.

Usage: python3 python_chat.py <ws-base-url> <alice-token> <bob-token>; exits 0 when bob got it from alice.
"""
import asyncio
import json
import sys

import websockets


async def main(base, alice_token, bob_token):
    async with websockets.connect(f"{base}/ws?token={bob_token}") as bob:
        async with websockets.connect(f"{base}/ws?token={alice_token}") as alice:
            await alice.send(json.dumps({"id": "p1", "message_type": "ping"}))
            pong = json.loads(await alice.recv())
            while pong.get("message_type") != "pong":
                pong = json.loads(await alice.recv())
            await alice.send(json.dumps({"message_type": "text", "to_user_id": "bob",
                                         "data": {"content": "from python"}}))
            while True:
                m = json.loads(await asyncio.wait_for(bob.recv(), 10))
                print("bob got", m, flush=True)
                if m.get("message_type") == "text":
                    ok = m["data"]["content"] == "from python" and m["from_user_id"] == "alice"
                    return 0 if ok else 3


sys.exit(asyncio.run(main(*sys.argv[1:4])))
