// Copied from types/switchboard-msgpack.d.ts by scripts/build.mjs.
// Type declarations for @switchboard/hub-client/msgpack: the API of @microsoft/signalr-protocol-msgpack.
import type { HubMessage, IHubProtocol, ILogger, TransferFormat } from "@switchboard/hub-client";

/** Options for @msgpack/msgpack's Encoder and Decoder, which this module bundles; as upstream's. */
export interface MessagePackOptions {
    extensionCodec?: any;
    context?: any;
    maxDepth?: number;
    initialBufferSize?: number;
    sortKeys?: boolean;
    forceFloat32?: boolean;
    forceIntegerToFloat?: boolean;
    ignoreUndefined?: boolean;
    maxStrLength?: number;
    maxBinLength?: number;
    maxArrayLength?: number;
    maxMapLength?: number;
    maxExtLength?: number;
}

/** The MessagePack hub protocol: binary frames on WebSockets, binary bodies on long polling. */
export declare class MessagePackHubProtocol implements IHubProtocol {
    readonly name: string;
    readonly version: number;
    readonly transferFormat: TransferFormat;
    constructor(messagePackOptions?: MessagePackOptions);
    parseMessages(input: ArrayBuffer, logger: ILogger): HubMessage[];
    writeMessage(message: HubMessage): ArrayBuffer;
}
