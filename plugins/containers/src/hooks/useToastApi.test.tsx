import { alertApiRef } from '@backstage/core-plugin-api';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { mockToastApi } from '../__testUtils__/fixtures';
import { TRANSIENT_TOAST_MS, useToastApi } from './useToastApi';

function withApis(apis: Parameters<typeof TestApiProvider>[0]['apis']) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis}>{children}</TestApiProvider>
  );
}

describe('useToastApi', () => {
  it("is the app's ToastApi when there is one", () => {
    const toastApi = mockToastApi();
    const { result } = renderHook(() => useToastApi(), {
      wrapper: withApis([[toastApiRef, toastApi]]),
    });
    expect(result.current).toBe(toastApi);
  });

  it('posts as an alert in a legacy app without a ToastApi, title only', () => {
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    const { result } = renderHook(() => useToastApi(), {
      wrapper: withApis([[alertApiRef, alertApi]]),
    });
    result.current.post({
      title: 'Checked upstream again.',
      status: 'success',
      timeout: TRANSIENT_TOAST_MS,
    });
    result.current.post({
      title: 'Could not check upstream: 503',
      status: 'danger',
    });
    expect(alertApi.post.mock.calls).toEqual([
      [
        {
          message: 'Checked upstream again.',
          severity: 'success',
          display: 'transient',
        },
      ],
      [
        {
          message: 'Could not check upstream: 503',
          severity: 'error',
          display: 'permanent',
        },
      ],
    ]);
  });
});
