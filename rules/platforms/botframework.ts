import { definePlatform } from '../define.js';

/**
 * Microsoft Bot Framework SDK: `TurnContext` lives in botbuilder-core and is
 * re-exported by botbuilder, so the declaration is matched in botbuilder-core.
 * Docs: https://learn.microsoft.com/en-us/javascript/api/botbuilder-core/turncontext#botbuilder-core-turncontext-sendactivity
 */
export default definePlatform({
  platform: 'Microsoft Bot Framework',
  docs: 'https://learn.microsoft.com/en-us/javascript/api/botbuilder-core/turncontext',
  sinks: [
    {
      module: 'botbuilder-core',
      type: 'TurnContext',
      method: ['sendActivity', 'updateActivity'],
      payload: ['arg0.text', 'arg0.speak', 'arg0.attachments', 'arg0.summary', 'arg0.suggestedActions', 'arg0.value', 'arg1'],
    },
    { module: 'botbuilder-core', type: 'TurnContext', method: 'sendActivities', payload: ['arg0[].text', 'arg0[].speak', 'arg0[].attachments'] },
  ],
});
