/**
 * Splunk search commands that exist but c2hunt does not run, so `--check` can say "not supported by
 * c2hunt" for them and "unknown command" (probably a typo or a custom command) for anything else.
 * From the Search Reference command list (9.x/10.0), plus the commands of the Machine Learning Toolkit
 * and the Splunk Security Essentials that security content commonly uses.
 */
export const SPLUNK_COMMANDS: ReadonlySet<string> = new Set([
  'abstract', 'accum', 'addcoltotals', 'addinfo', 'addtotals', 'analyzefields', 'anomalies', 'anomalousvalue',
  'anomalydetection', 'append', 'appendcols', 'appendpipe', 'apply', 'arules', 'associate', 'audit', 'autoregress',
  'bin', 'bucket', 'bucketdir', 'chart', 'cluster', 'cofilter', 'collect', 'concurrency', 'contingency', 'convert',
  'correlate', 'datamodel', 'datamodelsimple', 'dbinspect', 'dbxquery', 'dedup', 'delete', 'delta', 'diff', 'entitymerge', 'erex',
  'eval', 'eventcount', 'eventstats', 'extract', 'fieldformat', 'fields', 'fieldsummary', 'filldown', 'fillnull',
  'findtypes', 'fit', 'folderize', 'foreach', 'format', 'from', 'gauge', 'gentimes', 'geom', 'geomfilter', 'geostats',
  'head', 'highlight', 'history', 'iconify', 'inputcsv', 'inputintelligence', 'inputlookup', 'iplocation', 'join',
  'kmeans', 'kv', 'kvform', 'loadjob', 'localize', 'localop', 'lookup', 'makecontinuous', 'makemv', 'makeresults',
  'map', 'mcatalog', 'mcollect', 'metadata', 'metasearch', 'meventcollect', 'mpreview', 'msearch', 'mstats', 'multikv',
  'multisearch', 'mvcombine', 'mvexpand', 'nomv', 'outlier', 'outputcsv', 'outputlookup', 'outputtext', 'overlap',
  'pivot', 'predict', 'rangemap', 'rare', 'redistribute', 'regex', 'reltime', 'rename', 'replace', 'require', 'rest',
  'return', 'reverse', 'rex', 'rtorder', 'run', 'savedsearch', 'score', 'script', 'scrub', 'search', 'searchtxn',
  'selfjoin', 'sendalert', 'sendemail', 'set', 'setfields', 'sichart', 'sirare', 'sistats', 'sitimechart', 'sitop',
  'sort', 'spath', 'stats', 'strcat', 'streamstats', 'summary', 'table', 'tags', 'tail', 'timechart', 'timewrap',
  'tojson', 'top', 'transaction', 'transpose', 'trendline', 'tscollect', 'tstats', 'typeahead', 'typelearner', 'typer',
  'union', 'uniq', 'untable', 'walklex', 'where', 'x11', 'xmlkv', 'xmlunescape', 'xpath', 'xyseries',
]);

/** Search-time modifiers that look like field comparisons but select a time range or index partition. */
export const TIME_MODIFIERS: ReadonlySet<string> = new Set([
  'earliest', 'latest', '_index_earliest', '_index_latest', 'starttime', 'endtime', 'starttimeu', 'endtimeu',
  'startdaysago', 'enddaysago', 'startminutesago', 'endminutesago', 'starthoursago', 'endhoursago',
  'startmonthsago', 'endmonthsago', 'daysago', 'hoursago', 'minutesago', 'monthsago', 'searchtimespandays',
  'searchtimespanhours', 'searchtimespanminutes', 'searchtimespanmonths', 'timeformat',
]);
