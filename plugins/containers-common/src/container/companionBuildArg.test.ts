import { companionBuildArg } from './companionBuildArg';

describe('companionBuildArg', () => {
  it('names the build arg of a whole-value !build.args token', () => {
    expect(companionBuildArg('!build.args.ICEBERG_VERSION')).toBe(
      'ICEBERG_VERSION',
    );
    expect(companionBuildArg('!build.args._x1')).toBe('_x1');
  });

  it('is undefined for a version, another token, a token inside text or a non-string', () => {
    expect(companionBuildArg('1.7.0')).toBeUndefined();
    expect(companionBuildArg('!version.current')).toBeUndefined();
    expect(companionBuildArg('v!build.args.X')).toBeUndefined();
    expect(companionBuildArg('!build.args.X-Y')).toBeUndefined();
    expect(companionBuildArg('!build.args.1X')).toBeUndefined();
    expect(companionBuildArg(17)).toBeUndefined();
    expect(companionBuildArg(undefined)).toBeUndefined();
  });
});
