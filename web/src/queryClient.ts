import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './lib/api.ts';

// A 4xx answer will not change by asking again; a network failure or a 5xx may, once.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
