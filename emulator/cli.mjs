// The command line: flags and environment variables for the settings table, and --help.

import { SETTINGS, SettingsError, checkValue } from './settings.mjs';

const HELP_WIDTH = 80;

/**
 * Reads options from command-line arguments and environment variables, where a flag wins
 * over its variable. Returns `{ help: true }` for --help, else `{ options }` for resolveSettings.
 */
export function parseCommandLine(args, env = {}) {
  const options = {};
  for (const setting of SETTINGS) {
    const text = env[setting.env];
    if (text !== undefined && text !== '') {
      options[setting.name] = parseText(setting, text, `environment variable ${setting.env}`);
    }
  }

  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      return { help: true };
    }
    const [flag, inlineValue] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const setting = SETTINGS.find((candidate) => candidate.flag === flag);
    if (setting === undefined) {
      throw new SettingsError(`unknown argument '${arg}'; run with --help to list the flags`);
    }
    if (setting.type === 'boolean') {
      if (inlineValue !== undefined) {
        throw new SettingsError(`${flag} takes no value, got '${arg}'`);
      }
      options[setting.name] = !setting.inverted;
      continue;
    }
    const text = inlineValue ?? args[++i];
    if (text === undefined) {
      throw new SettingsError(`${flag} needs a value (${setting.value})`);
    }
    options[setting.name] = parseText(setting, text, flag);
  }
  return { options };
}

/** Returns the --help text. */
export function helpText() {
  const lines = [
    'Usage: node emulator/server.mjs [flags]',
    '',
    'Local Microsoft Graph emulator for entitlement management access packages: serves the',
    'page from www/ and pkg/, and a Graph API under /v1.0 and /beta, from one in-memory store.',
    '',
    'Flags (each also read from the environment variable shown; a flag wins over it):',
  ];
  for (const setting of SETTINGS) {
    const usage = setting.value ? `${setting.flag} ${setting.value}` : setting.flag;
    const fallback =
      setting.default === undefined || setting.type === 'boolean'
        ? ''
        : ` (default ${setting.default})`;
    lines.push(
      `  ${usage.padEnd(28)} ${setting.env}`,
      ...wrap(`${setting.help}${fallback}`, '      '),
    );
  }
  lines.push('  --help', '      print this text and exit');
  return lines.join('\n');
}

function parseText(setting, text, source) {
  if (setting.type === 'boolean') {
    const normalized = text.trim().toLowerCase();
    if (!['1', 'true', 'yes', '0', 'false', 'no'].includes(normalized)) {
      throw new SettingsError(`${source} must be 1, true, yes, 0, false or no, got '${text}'`);
    }
    const on = ['1', 'true', 'yes'].includes(normalized);
    return setting.inverted ? !on : on;
  }
  if (setting.type === 'host') {
    return checkValue(setting, text, source);
  }
  if (setting.type === 'text') {
    return checkValue(setting, text.trim(), source, text);
  }
  const trimmed = text.trim();
  const number = trimmed === '' ? NaN : Number(trimmed);
  return checkValue(setting, number, source, text);
}

// Wraps text into lines of at most HELP_WIDTH columns, each starting with `indent`.
function wrap(text, indent) {
  const lines = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > HELP_WIDTH && line.trim() !== '') {
      lines.push(line);
      line = indent;
    }
    line += line.trim() === '' ? word : ` ${word}`;
  }
  lines.push(line);
  return lines;
}
