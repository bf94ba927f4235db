import asyncio
import websockets
import json

async def client_example():
    uri = "ws://localhost:8765"
    async with websockets.connect(uri) as websocket:
        # 发送身份信息
        identity = {
            "device_id": "python_client",
            "identity": "test_script"
        }
        await websocket.send(json.dumps(identity))
        
        # 接收房间分配
        response = await websocket.recv()
        print(f"服务器响应: {response}")
        
        # 发送消息
        message = {
            "type": "message",
            "content": "Hello from Python client"
        }
        await websocket.send(json.dumps(message))
        
        # 持续接收消息
        async for message in websocket:
            data = json.loads(message)
            print(f"收到消息: {data}")

# 运行客户端
asyncio.run(client_example())
