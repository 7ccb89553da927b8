"""Type-checks under `mypy --strict` only because results narrow (crates/codegen/tests/python.rs
runs it against generated/runtime/python). Each line marked `# NARROW` is a check whose removal
must make mypy fail, and each `# LITERAL` line holds an allowed value whose replacement by one
not allowed must make it fail: the test checks both on copies of this file."""

from typing import List, Optional, Tuple, Union

from runtime import AsyncByteStream, AsyncClient, ByteStream, Client, models
from runtime.client import GetSecureResponse, GetThing200, GetThingDefault


def by_status(client: Client) -> models.Thing:
    r = client.get_thing(key="k")
    if r.status == 200:  # NARROW
        return r.body
    raise ValueError(r.body.title)


def by_ok(client: Client) -> models.Thing:
    r = client.put_thing(key="k", body=models.Thing(id="k", name="n"))
    if r.ok:  # NARROW
        return r.body
    return models.Thing(id=str(r.code), name=r.body.title)


def error_status(r: GetSecureResponse) -> models.Problem:
    if r.status == 401:  # NARROW
        return r.body
    raise ValueError(r.body.name)


def exhaustive(r: Union[GetThing200, GetThingDefault]) -> str:
    if r.status == "default":  # NARROW
        return r.body.title
    return r.body.name


def streams(client: Client) -> ByteStream:
    return client.download(bytes_=10).body


async def async_streams(client: AsyncClient) -> AsyncByteStream:
    r = await client.download(bytes_=10)
    return r.body


async def async_by_status(client: AsyncClient) -> models.Thing:
    r = await client.get_thing(key="k")
    if r.status == 200:  # NARROW
        return r.body
    raise ValueError(r.body.title)


def servers() -> Client:
    Client.for_server(0, region="us")  # LITERAL
    return Client.for_server(1, host="localhost", port="8080")


def typed_headers(client: Client) -> Tuple[Optional[int], Optional[bool], Optional[List[int]]]:
    h = client.get_headers().typed_headers
    return (h.x_count, h.x_flag, h.x_ids)
