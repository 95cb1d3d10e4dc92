import { describe, expect, it } from 'vitest';
import { selectPlugins } from '../../../../src/server/sources/munin/plugin-selection.js';

const listed = ['load', 'if_eth0', 'cpu', 'if_eth1', 'df', 'df_inode'];

describe('munin plugin selection', () => {
  it('takes every listed plugin, sorted, when no patterns are given', () => {
    expect(selectPlugins(listed, undefined)).toEqual({ plugins: ['cpu', 'df', 'df_inode', 'if_eth0', 'if_eth1', 'load'], unmatched: [] });
  });

  it('expands globs against the list and keeps pattern order', () => {
    expect(selectPlugins(listed, ['load', 'if_*', 'df'])).toEqual({ plugins: ['load', 'if_eth0', 'if_eth1', 'df'], unmatched: [] });
    expect(selectPlugins(listed, ['if_eth[0]', 'df?inode']).plugins).toEqual(['if_eth0', 'df_inode']);
  });

  it('polls plain names even when unlisted (to report them), but reports globs that match nothing', () => {
    expect(selectPlugins(listed, ['nosuch', 'mysql_*'])).toEqual({ plugins: ['nosuch'], unmatched: ['mysql_*'] });
  });
});
