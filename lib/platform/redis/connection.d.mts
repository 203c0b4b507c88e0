import type { RedisClientType } from "redis";

export const COMMAND_TIMEOUT_MS: number;
export function sharedMode(): boolean;
export function redis(): RedisClientType | undefined;
export function redisSubscriber(): RedisClientType | undefined;
export function onRecovery(callback: () => unknown): () => void;
export function onOutage(callback: () => unknown): () => void;
export function withTimeout<T>(promise: Promise<T>): Promise<T>;
export function connectRedis(timeoutMs?: number): Promise<boolean>;
